namespace Greylane.Demo.Setup;

/// <summary>
/// The playground's part of <see cref="DemoSettings"/>: where its files go (<c>.sandbox</c>: kubeconfig, env, logs, the CA)
/// and the API server's port; no seed, no story, no traffic, every namespace served.
/// </summary>
internal sealed record PlaygroundSettings(string Directory, int Port, bool ApiOnly)
{
    public string Logs => Path.Combine(Directory, "logs");

    public string Log(string part) => Path.Combine(Logs, part + ".log");
}
