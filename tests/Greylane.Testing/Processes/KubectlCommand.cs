namespace Greylane.Testing.Processes;

/// <summary>
/// Runs the real kubectl binary (by default /usr/bin/kubectl; <see cref="V135"/> for kubectl 1.35) against one cluster
/// (a kubeconfig and a cache directory), each call bounded by a timeout.
/// </summary>
public sealed class KubectlCommand(string kubeconfig, string cacheDirectory, string binary = KubectlCommand.Binary)
{
    public const string Binary = "/usr/bin/kubectl";

    /// <summary>Why a kubectl test did not run, for its output.</summary>
    public const string NotInstalled = "kubectl is not installed at /usr/bin/kubectl: this kubectl conformance test did not run.";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>kubectl 1.35 (<c>kubectl-1.35</c>), for server-side apply as today's clients send it.</summary>
    public static KubectlCommand V135(string kubeconfig, string cacheDirectory) => new(kubeconfig, cacheDirectory, ToolLocator.Kubectl135);

    public Task<ProcessResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public Task<ProcessResult> RunWithInputAsync(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync(binary, ["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. args], Bound, stdin, displayName: Path.GetFileName(binary));

    /// <summary>Runs kubectl and throws with its output unless it exits 0; returns standard output.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{Path.GetFileName(binary)} {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
    }
}
