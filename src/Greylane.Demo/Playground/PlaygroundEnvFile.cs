using System.Text;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Playground;

/// <summary>
/// <c>.sandbox/env</c>: <c>export</c> lines, so that <c>source .sandbox/env</c> in another terminal points kubectl,
/// helm, the plugin and curl at the playground (and the programs they start inherit it).
/// </summary>
internal static class PlaygroundEnvFile
{
    public static string Path(string directory) => System.IO.Path.Combine(directory, "env");

    public static string Text(DemoEnvironment environment, string file)
    {
        var text = new StringBuilder();
        text.Append($"# written by make sandbox; removed when it stops. Use: source {file}\n");
        text.Append($"export KUBECONFIG={Quote(environment.Kubeconfig)}\n");
        if (environment.Mesh is { } mesh)
        {
            text.Append($"export GREYLANE_GATEWAY={mesh.GatewayUrl.ToString().TrimEnd('/')}\n");
        }

        if (environment.Prometheus is { } prometheus)
        {
            text.Append($"export PROMETHEUS_URL={prometheus.Url.ToString().TrimEnd('/')}\n");
        }

        return text.ToString();
    }

    // Single quotes keep a path with spaces or $ as it is.
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
