using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// POSTs an AdmissionReview to <c>clientConfig.url</c> over HTTPS, trusting only the PEM certificates of
/// <c>clientConfig.caBundle</c> (the system store when it is empty, as kube-apiserver does), within <c>timeoutSeconds</c>.
/// Failures become <see cref="WebhookCallException"/>s worded like Go's net/http and crypto/x509 errors.
/// </summary>
internal sealed class WebhookCaller(TimeProvider timeProvider)
{
    // Idle connections close soon: a webhook server that stops or changes its certificate is dialled afresh.
    private static readonly TimeSpan IdleConnectionTimeout = TimeSpan.FromSeconds(5);
    private const int MaxClients = 32;

    private readonly ConcurrentDictionary<(string Origin, string? CaBundle), PooledClient> _clients = new();

    public async Task<JsonObject> CallAsync(Webhook hook, JsonObject review, CancellationToken cancellationToken)
    {
        var config = hook.ClientConfig;
        var url = (string?)config?["url"];
        if (url is null)
        {
            var service = config?["service"];
            throw new WebhookCallException(hook.Name, service is null
                ? "clientConfig has neither url nor service"
                : $"failed to call webhook: service \"{service["namespace"]}/{service["name"]}\" cannot be reached: the sandbox has no cluster network, use clientConfig.url");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{url}\": 'https' is the only allowed URL scheme");
        var target = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}timeout={hook.TimeoutSeconds}s";

        var client = Client(hook, uri, (string?)config!["caBundle"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(hook.TimeoutSeconds), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.Http.PostAsync(new Uri(target), content, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new WebhookCallException(hook.Name, $"failed to call webhook: the server responded with the status code {(int)response.StatusCode} but did not return more information");
            return JsonNode.Parse(body) as JsonObject
                ?? throw new WebhookCallException(hook.Name, "failed to call webhook: the response body is not a JSON object");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{target}\": context deadline exceeded");
        }
        catch (HttpRequestException e)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{target}\": {(e.InnerException is AuthenticationException ? client.TlsProblem : null) ?? Describe(e, uri)}");
        }
        catch (JsonException e)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: the response is not JSON: {e.Message}");
        }
    }

    /// <summary>
    /// One client per webhook origin and caBundle, kept between calls: kube-apiserver keeps its connections to a
    /// webhook alive, so a webhook pays a TLS handshake per connection, not per review.
    /// </summary>
    private PooledClient Client(Webhook hook, Uri uri, string? caBundle)
    {
        var key = (uri.GetLeftPart(UriPartial.Authority), caBundle);
        if (_clients.TryGetValue(key, out var existing))
            return existing;
        if (_clients.Count >= MaxClients)
        {
            // Tests start webhooks on ever new ports; the oldest idle clients are not worth keeping.
            foreach (var stale in _clients.Keys)
            {
                if (_clients.TryRemove(stale, out var removed))
                    removed.Http.Dispose();
            }
        }

        var created = new PooledClient(uri.Host, TrustedRoots(hook, caBundle));
        var added = _clients.GetOrAdd(key, created);
        if (!ReferenceEquals(added, created))
            created.Http.Dispose();
        return added;
    }

    private sealed class PooledClient
    {
        public PooledClient(string host, X509Certificate2Collection? roots)
        {
            var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = IdleConnectionTimeout };
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                var problem = CertificateProblem(certificate as X509Certificate2, errors, roots, host);
                TlsProblem = problem;
                return problem is null;
            };
            Http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public HttpClient Http { get; }

        /// <summary>Why the last handshake was refused, worded like Go's crypto/x509 (null when it was accepted).</summary>
        public string? TlsProblem { get; private set; }
    }

    private static X509Certificate2Collection? TrustedRoots(Webhook hook, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            return roots.Count > 0 ? roots : throw new CryptographicException("no certificate found");
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new WebhookCallException(hook.Name, "could not get REST client: unable to load root certificates: unable to parse bytes as PEM block");
        }
    }

    // The chain must end at one of the caBundle's certificates, and the certificate must name the URL's host.
    private static string? CertificateProblem(X509Certificate2? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string host)
    {
        if (certificate is null)
            return "tls: server sent no certificate";
        if (roots is null)
            return errors == SslPolicyErrors.None ? null : "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
            return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return $"tls: failed to verify certificate: x509: certificate is valid for {string.Join(", ", Names(certificate))}, not {host}";
        return null;
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return san is null
            ? [certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)]
            : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
    }

    private static string Describe(HttpRequestException e, Uri uri) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"dial tcp {uri.Host}:{uri.Port}: connect: connection refused",
        SocketException s => $"dial tcp {uri.Host}:{uri.Port}: {s.Message}",
        _ => e.InnerException?.Message ?? e.Message,
    };
}
