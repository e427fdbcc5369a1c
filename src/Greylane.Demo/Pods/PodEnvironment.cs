using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Greylane.Demo.Pods;

/// <summary>
/// The environment a kubelet would give a pod's first container: literal <c>value</c>s and the Downward API's
/// <c>fieldRef</c> (<c>metadata.name</c>, <c>metadata.namespace</c>, <c>metadata.labels['k']</c>,
/// <c>metadata.annotations['k']</c>, <c>status.podIP</c>). Other sources (Secrets, ConfigMaps) are not supported.
/// </summary>
internal static partial class PodEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(JsonObject pod)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var container = pod["spec"]?["containers"]?.AsArray().FirstOrDefault();
        foreach (var env in container?["env"]?.AsArray() ?? [])
        {
            var name = env?["name"]?.GetValue<string>();
            if (name is null)
            {
                continue;
            }

            var value = env!["value"]?.GetValue<string>()
                ?? (env["valueFrom"]?["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } path ? Field(pod, path) : null);
            variables[name] = value ?? "";
        }

        return variables;
    }

    private static string? Field(JsonObject pod, string path)
    {
        if (path == "metadata.name" || path == "metadata.namespace")
        {
            return pod["metadata"]?[path["metadata.".Length..]]?.GetValue<string>();
        }

        if (path == "status.podIP")
        {
            return pod["status"]?["podIP"]?.GetValue<string>();
        }

        var map = MapField().Match(path);
        return map.Success ? pod["metadata"]?[map.Groups[1].Value]?[map.Groups[2].Value]?.GetValue<string>() : null;
    }

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['([^']+)'\]$")]
    private static partial Regex MapField();
}
