using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Tls;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class CertificateStore
{
    [LoggerMessage(EventId = LogEvents.CertificateStoreLoaded, Level = LogLevel.Information, Message = "Serving certificate {Subject} ({Thumbprint}, valid until {NotAfter:u})")]
    private partial void LogLoaded(string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = LogEvents.CertificateStoreReloaded, Level = LogLevel.Information, Message = "Serving certificate rotated to {Subject} ({Thumbprint}, valid until {NotAfter:u}); new handshakes use it")]
    private partial void LogReloaded(string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = LogEvents.CertificateStoreLoadFailed, Level = LogLevel.Warning, Message = "Cannot load the certificate {CertificatePath} with key {KeyPath}; keeping the current one until the files change")]
    private partial void LogLoadFailed(Exception exception, string certificatePath, string keyPath);

    [LoggerMessage(EventId = LogEvents.CertificateStoreWatchError, Level = LogLevel.Warning, Message = "Watching {Directory} for certificate changes failed; polling continues")]
    private partial void LogWatchError(Exception exception, string directory);
}
