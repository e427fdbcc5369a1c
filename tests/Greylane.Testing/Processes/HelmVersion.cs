namespace Greylane.Testing.Processes;

/// <summary>Which helm a test runs: helm 3 (client-side three-way merge) or helm 4 (server-side apply by default).</summary>
public enum HelmVersion
{
    /// <summary>helm v3 (<c>helm</c>).</summary>
    Helm3,

    /// <summary>helm v4 (<c>helm4</c>).</summary>
    Helm4,
}
