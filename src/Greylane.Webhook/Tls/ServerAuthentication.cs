using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Greylane.Webhook.Tls;

/// <summary>
/// Whether a certificate may serve TLS, checked when the store loads it, on the loading thread. Kestrel refuses every
/// handshake with a certificate whose extended key usage leaves out server authentication, so such a certificate is
/// refused here with a clear message instead (and a rotation to it keeps the certificate in use). Reading the usages
/// here also decodes the certificate's lazily read extensions once, before handshakes share the object: Kestrel reads
/// them on every handshake when a selector serves the certificate, and concurrent first reads of a fresh
/// <see cref="X509Certificate2"/>'s extended key usage occasionally saw none (4 to 8 in 12,000 reads, four threads at a
/// time), which made Kestrel refuse a handshake with a good certificate. Test servers that hand Kestrel a certificate
/// through a selector call this too, for the same reason.
/// </summary>
internal static class ServerAuthentication
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Why <paramref name="certificate"/> cannot serve TLS, or null when it can.</summary>
    public static string? Problem(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        if (usages.Count == 0 || usages.Any(u => u.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ServerAuthOid)))
        {
            return null;
        }

        return $"the certificate's extended key usage leaves out server authentication ({ServerAuthOid}), so no TLS client accepts it: "
            + "issue it with the 'server auth' usage (as 'make certs' does), or without an extended key usage";
    }
}
