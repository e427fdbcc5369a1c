using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Greylane.Webhook.Tls;

/// <summary>
/// The serving certificate, read from PEM files and re-read when they change, so that a rotated Secret (cert-manager,
/// kubelet) is served from the next TLS handshake on without a restart.
/// </summary>
internal sealed partial class CertificateStore : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly ILogger<CertificateStore> _logger;
    private readonly Lock _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _debounceTimer;
    private readonly ITimer _pollTimer;
    private X509Certificate2 _current;
    private byte[] _fingerprint;

    public CertificateStore(string certificatePath, string keyPath, TimeSpan pollInterval, TimeProvider time, ILogger<CertificateStore> logger)
    {
        _certificatePath = Path.GetFullPath(certificatePath);
        _keyPath = Path.GetFullPath(keyPath);
        _logger = logger;
        (_current, _fingerprint) = Load(out var error) ?? throw new Hosting.WebhookOptionsException(
            $"cannot use the TLS certificate '{certificatePath}' and key '{keyPath}': {error}; run 'make certs' or mount the serving Secret");
        LogLoaded(_current.Subject, _current.Thumbprint, _current.NotAfter);
        _debounceTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // Events are the fast path; the poll catches what a watcher can miss (symlink swaps on some mounts, overflow).
        _pollTimer = time.CreateTimer(_ => Reload(), null, pollInterval, pollInterval);
        foreach (var directory in new[] { Path.GetDirectoryName(_certificatePath), Path.GetDirectoryName(_keyPath) }.Distinct())
        {
            Watch(directory!);
        }
    }

    /// <summary>The certificate to present in the next handshake.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _debounceTimer.Dispose();
        _pollTimer.Dispose();
    }

    /// <summary>Re-reads the files; a pair that does not load (halfway through a swap) keeps the current certificate until the next try.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            if (Load(out _) is not var (certificate, print))
            {
                return;
            }

            if (print.AsSpan().SequenceEqual(_fingerprint))
            {
                certificate.Dispose();
                return;
            }

            _fingerprint = print;
            Volatile.Write(ref _current, certificate);
            LogReloaded(certificate.Subject, certificate.Thumbprint, certificate.NotAfter);
        }
    }

    // Kubelet updates a mounted Secret by writing a new timestamped directory and renaming a "..data" symlink over
    // the old one; tls.crt is a symlink through "..data". Watching the directory (not the file) sees that rename.
    private void Watch(string directory)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.CreationTime | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, _) => Poke();
        watcher.Created += (_, _) => Poke();
        watcher.Deleted += (_, _) => Poke();
        watcher.Renamed += (_, _) => Poke();
        watcher.Error += (_, e) => LogWatchError(e.GetException(), directory);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Poke() => _debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private (X509Certificate2 Certificate, byte[] Fingerprint)? Load(out string? error)
    {
        error = null;
        try
        {
            var certificatePem = File.ReadAllText(_certificatePath);
            var keyPem = File.ReadAllText(_keyPath);
            var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            if (ServerAuthentication.Problem(certificate) is { } problem)
            {
                certificate.Dispose();
                throw new CryptographicException(problem);
            }

            var print = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificatePem + "\n" + keyPem));
            return (certificate, print);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            LogLoadFailed(e, _certificatePath, _keyPath);
            error = e.Message;
            return null;
        }
    }
}
