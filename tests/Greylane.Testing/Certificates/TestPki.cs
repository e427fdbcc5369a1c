using System.Security.Cryptography.X509Certificates;

namespace Greylane.Testing.Certificates;

/// <summary>One throwaway CA for the whole test run, and serving certificates for 127.0.0.1/localhost it signs.</summary>
public static class TestPki
{
    private static readonly Lazy<CertificateAuthority> LazyAuthority = new(() => CertificateAuthority.Create("greylane-test-ca"));

    public static CertificateAuthority Authority => LazyAuthority.Value;

    public static X509Certificate2 Ca => Authority.Certificate;

    /// <summary>A serving certificate signed by <see cref="Ca"/>, as PEM (the form a Secret mounts).</summary>
    public static ServingPem Issue(string commonName) => Authority.IssuePem(commonName);

    /// <summary>Validates a server certificate against <see cref="Ca"/> only, as the API server does with a caBundle.</summary>
    public static bool ChainsToCa(X509Certificate2 certificate) => Authority.Chains(certificate);
}
