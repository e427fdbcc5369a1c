namespace Greylane.Webhook.Tls;

internal sealed partial class CertificateStore
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Serving certificate {Subject} ({Thumbprint}, valid until {NotAfter:u})")]
    private partial void LogLoaded(string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Serving certificate rotated to {Subject} ({Thumbprint}, valid until {NotAfter:u}); new handshakes use it")]
    private partial void LogReloaded(string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Cannot load the certificate {CertificatePath} with key {KeyPath}; keeping the current one until the files change")]
    private partial void LogLoadFailed(Exception exception, string certificatePath, string keyPath);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Watching {Directory} for certificate changes failed; polling continues")]
    private partial void LogWatchError(Exception exception, string directory);
}
