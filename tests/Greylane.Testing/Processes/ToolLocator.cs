namespace Greylane.Testing.Processes;

/// <summary>
/// Finds a client binary through an environment variable or on the PATH (also <c>/usr/local/bin</c> and
/// <c>~/.local/bin</c>, where the install scripts put them). A missing one fails the test with the command that
/// installs it: CI installs every client, so nothing is skipped.
/// </summary>
public static class ToolLocator
{
    private static readonly Lazy<string> Helm4Path = new(() => Find("GREYLANE_HELM4", "helm4"));
    private static readonly Lazy<string> Kubectl135Path = new(() => Find("GREYLANE_KUBECTL_135", "kubectl-1.35"));

    /// <summary>helm v4 (server-side apply by default), installed as <c>helm4</c> by .ci/install-kube-tools.</summary>
    public static string Helm4 => Helm4Path.Value;

    /// <summary>kubectl v1.35, installed as <c>kubectl-1.35</c> by .ci/install-kube-tools.</summary>
    public static string Kubectl135 => Kubectl135Path.Value;

    /// <summary>The binary named by <paramref name="variable"/>, else <paramref name="name"/> on the PATH, else an exception saying how to install it.</summary>
    public static string Find(string variable, string name)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{variable} is {configured}, which does not exist: point it at {name}, or unset it and run .ci/install-kube-tools");
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] extra = home is null ? ["/usr/local/bin"] : ["/usr/local/bin", Path.Combine(home, ".local", "bin")];
        return path.Concat(extra).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed: run .ci/install-kube-tools (it installs helm4 and kubectl-1.35), or set {variable}");
    }
}
