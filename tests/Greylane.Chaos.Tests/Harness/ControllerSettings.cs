using Greylane.Testing.Certificates;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>How every controller process of a scenario is started: the binary, TLS files, leader election timing.</summary>
internal sealed record ControllerSettings(string Dll, CertificateFiles Certificates, string Directory)
{
    /// <summary>Short leases, as the in-process controller tests use, so that a takeover costs seconds.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>Leader election on (two or more replicas) or off (a single replica, the only one that ever runs).</summary>
    public bool LeaderElection { get; init; } = true;

    public IEnumerable<string> Arguments(string kubeconfig, string identity) =>
    [
        Dll,
        "--kubeconfig", kubeconfig,
        "--controller", "true",
        "--identity", identity,
        "--leader-elect", LeaderElection ? "true" : "false",
        "--lease-duration", $"{LeaseDuration.TotalMilliseconds}ms",
        "--renew-deadline", $"{RenewDeadline.TotalMilliseconds}ms",
        "--retry-period", $"{RetryPeriod.TotalMilliseconds}ms",
        "--tls-cert", Certificates.CertificatePath,
        "--tls-key", Certificates.KeyPath,
        "--urls", "https://127.0.0.1:0",
        "--Logging:LogLevel:Default", "Information",
        "--Logging:LogLevel:Microsoft.AspNetCore", "Warning",
        "--Logging:Console:FormatterName", "simple",
        "--Logging:Console:FormatterOptions:SingleLine", "true",
        "--Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff ",
    ];
}
