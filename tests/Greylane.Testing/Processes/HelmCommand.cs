namespace Greylane.Testing.Processes;

/// <summary>
/// Runs the real helm binary (found through <c>GREYLANE_HELM</c> or on the PATH), each call bounded by a timeout, with
/// helm's cache, configuration and data in a scratch directory and an optional kubeconfig. A missing helm fails the
/// test with the command that installs it: CI installs it, so nothing is skipped. <see cref="HelmVersion.Helm4"/> runs
/// <c>helm4</c> instead (see <see cref="ToolLocator"/>).
/// </summary>
public sealed class HelmCommand(string scratchDirectory, string? kubeconfig = null, HelmVersion version = HelmVersion.Helm3)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The helm binary, or an exception that says how to install it.</summary>
    public static string Binary => Found.Value ?? throw new InvalidOperationException(
        Environment.GetEnvironmentVariable("GREYLANE_HELM") is { Length: > 0 } configured
            ? $"GREYLANE_HELM is {configured}, which does not exist: point it at a helm binary, or unset it and run .ci/install-helm"
            : "helm is not installed: run .ci/install-helm (it puts helm v3.17.3 on the PATH), or set GREYLANE_HELM to a helm binary");

    /// <summary>A runner for commands that need no cluster (template, lint), with its own scratch directory.</summary>
    public static HelmCommand Offline() => new(Path.Combine(Path.GetTempPath(), "greylane-helm-offline"));

    public Task<ProcessResult> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync(
            version == HelmVersion.Helm4 ? ToolLocator.Helm4 : Binary,
            kubeconfig is null ? args : ["--kubeconfig", kubeconfig, .. args],
            Bound,
            // Helm's cache, configuration and data stay inside the test's scratch directory.
            environment: new[] { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" }.ToDictionary(home => home, home => Path.Combine(scratchDirectory, "helm", home)),
            displayName: version == HelmVersion.Helm4 ? "helm4" : "helm");

    /// <summary>Runs helm and throws with its output unless it exits 0; returns standard output.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{(version == HelmVersion.Helm4 ? "helm4" : "helm")} {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("GREYLANE_HELM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] extra = home is null ? ["/usr/local/bin"] : ["/usr/local/bin", Path.Combine(home, ".local", "bin")];
        return path.Concat(extra).Select(dir => Path.Combine(dir, "helm")).FirstOrDefault(File.Exists);
    }
}
