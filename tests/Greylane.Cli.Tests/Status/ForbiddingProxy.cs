using System.Net;
using System.Text;

namespace Greylane.Cli.Status.Tests;

/// <summary>
/// A loopback proxy in front of the sandbox (which has no RBAC) that answers 403 Forbidden, as kube-apiserver words it,
/// for requests whose path contains one of the given resources: a user who may read Deployments but not those.
/// </summary>
internal sealed class ForbiddingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly string[] _forbidden;
    private readonly string? _method;
    private readonly Task _loop;

    private ForbiddingProxy(Uri target, string[] forbidden, int port, string? method = null)
    {
        _target = target;
        _forbidden = forbidden;
        _method = method;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public static ForbiddingProxy Start(Uri target, params string[] forbiddenResources) => new(target, forbiddenResources, FreePort());

    /// <summary>Forbids only requests of <paramref name="method"/> (e.g. PATCH): a user who may read those resources but not change them.</summary>
    public static ForbiddingProxy StartForMethod(Uri target, string method, params string[] forbiddenResources) => new(target, forbiddenResources, FreePort(), method);

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>A copy of <paramref name="kubeconfig"/> whose server is this proxy.</summary>
    public string Kubeconfig(string kubeconfig, string path)
    {
        File.WriteAllText(path, File.ReadAllText(kubeconfig).Replace(_target.ToString().TrimEnd('/'), Address.ToString().TrimEnd('/'), StringComparison.Ordinal));
        return path;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.PathAndQuery;
        using var response = context.Response;

        // One request per connection: the managed HttpListener's keep-alive reuse is not what these tests are about, and a
        // client that reuses a connection the listener is closing fails with "An error occurred while sending the request".
        response.KeepAlive = false;
        if ((_method is null || context.Request.HttpMethod == _method) && _forbidden.FirstOrDefault(r => context.Request.Url.AbsolutePath.Contains("/" + r, StringComparison.Ordinal)) is { } resource)
        {
            // Read the refused request's body first, as kube-apiserver does: a socket closed with unread bytes sends a
            // reset, which can destroy the 403 before the client reads it ("An error occurred while sending the request").
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            response.StatusCode = 403;
            response.ContentType = "application/json";
            var verb = context.Request.HttpMethod == "GET" ? "list" : context.Request.HttpMethod.ToLowerInvariant();
            var body = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{resource}} is forbidden: User \"dev\" cannot {{verb}} resource \"{{resource}}\"","reason":"Forbidden","code":403}""";
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, path));
        if (context.Request.HasEntityBody)
        {
            request.Content = new StreamContent(context.Request.InputStream);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var answer = await _upstream.SendAsync(request);
        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(response.OutputStream);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
