namespace Greylane.Testing.Processes;

/// <summary>
/// A directory holding an executable <c>kubectl-greylane</c> that runs the built CLI (kubectl-greylane.dll next to the
/// tests) with <c>dotnet</c>, put first on PATH, so that the real kubectl finds it through its plugin mechanism exactly
/// as it finds an installed binary.
/// </summary>
public sealed class PluginShim : IDisposable
{
    public const string Kubectl = KubectlCommand.Binary;

    /// <summary>Why a plugin test did not run, for its output.</summary>
    public const string NotInstalled = "kubectl is not installed at /usr/bin/kubectl: the kubectl plugin-mechanism test did not run.";

    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("greylane-plugin-").FullName;

    public PluginShim()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "kubectl-greylane.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var shim = Path.Combine(_dir, "kubectl-greylane");
        File.WriteAllText(shim, $"#!/bin/sh\nexec \"{dotnet}\" \"{dll}\" \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("kubectl plugin shims are shell scripts; these tests run on Linux and macOS");
        }

        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    public static bool KubectlInstalled => File.Exists(Kubectl);

    /// <summary>The directory holding the shim: put it first on PATH to run kubectl by hand (a long-running plugin command).</summary>
    public string Directory => _dir;

    /// <summary>Runs <c>kubectl ARGS</c> with the shim first on PATH and KUBECONFIG set; bounded by a minute.</summary>
    public Task<ProcessResult> KubectlAsync(string kubeconfig, params string[] args) =>
        ProcessRunner.RunAsync(
            Kubectl,
            args,
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string>
            {
                ["PATH"] = _dir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["KUBECONFIG"] = kubeconfig,
                ["HOME"] = _dir,
            },
            displayName: "kubectl");

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);
}
