using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Greylane.Sandbox.Tests.Admission;

/// <summary>A throwaway CA and a server certificate for 127.0.0.1 and localhost, generated in-process.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Authority = CreateAuthority("greylane-test-ca");
        OtherAuthority = CreateAuthority("someone-else-ca");
        Server = CreateServer(Authority, names =>
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        });
        Elsewhere = CreateServer(Authority, names => names.AddDnsName("elsewhere.example"));
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 OtherAuthority { get; }

    public X509Certificate2 Server { get; }

    /// <summary>Signed by <see cref="Authority"/> but naming only elsewhere.example.</summary>
    public X509Certificate2 Elsewhere { get; }

    /// <summary>The base64 PEM a MutatingWebhookConfiguration's caBundle holds.</summary>
    public static string CaBundle(X509Certificate2 authority) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(authority.ExportCertificatePem()));

    public void Dispose()
    {
        Authority.Dispose();
        OtherAuthority.Dispose();
        Server.Dispose();
        Elsewhere.Dispose();
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 CreateServer(X509Certificate2 authority, Action<SubjectAlternativeNameBuilder> addNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=greylane-webhook", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        addNames(names);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), new DateTimeOffset(authority.NotAfter).AddMinutes(-1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a certificate whose key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
