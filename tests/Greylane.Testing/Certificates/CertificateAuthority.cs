using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Greylane.Webhook.Tls;

namespace Greylane.Testing.Certificates;

/// <summary>A throwaway CA made in memory, and the serving certificates it signs (PEM for files, or with their key for Kestrel).</summary>
public sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate in PEM.</summary>
    public string Pem => Certificate.ExportCertificatePem();

    /// <summary>The base64 PEM a MutatingWebhookConfiguration's caBundle holds.</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(Pem));

    public static CertificateAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2)));
    }

    /// <summary>A serving certificate for 127.0.0.1 and localhost, as PEM (the form a Secret mounts).</summary>
    public ServingPem IssuePem(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = Sign(commonName, key, Loopback);
        return new ServingPem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }

    /// <summary>A serving certificate naming what <paramref name="names"/> adds, with its key, ready for Kestrel or SslStream.</summary>
    public X509Certificate2 Issue(string commonName, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Sign(commonName, key, names);
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a certificate whose key SslStream can use on every platform. Its usage is read once
        // here, before a selector shares it between handshakes (see ServerAuthentication).
        var served = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return ServerAuthentication.Problem(served) is { } problem ? throw new InvalidOperationException(problem) : served;
    }

    /// <summary>Validates a server certificate against this CA only, as the API server does with a caBundle.</summary>
    public bool Chains(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>An HTTP/1.1 client that trusts only this CA, as the API server trusts only the caBundle.</summary>
    public HttpClient Client(Uri? baseAddress = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && Chains(c) },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => Certificate.Dispose();

    private static void Loopback(SubjectAlternativeNameBuilder names)
    {
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
    }

    private X509Certificate2 Sign(string commonName, ECDsa key, Action<SubjectAlternativeNameBuilder> addNames)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        addNames(names);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter).AddMinutes(-1);
        return request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter < caNotAfter ? notAfter : caNotAfter, RandomNumberGenerator.GetBytes(12));
    }
}
