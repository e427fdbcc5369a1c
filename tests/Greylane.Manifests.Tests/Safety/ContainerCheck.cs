using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

/// <summary>Security context, probes, resources and the certificate mount of one container of Greylane's pod.</summary>
internal static class ContainerCheck
{
    public static IEnumerable<string> Problems(string deployment, JsonNode pod, JsonObject container)
    {
        var who = $"{deployment} container {container["name"]}";
        var own = container["securityContext"];
        var shared = pod["securityContext"];
        if ((ManifestJson.Flag(own?["runAsNonRoot"]) ?? ManifestJson.Flag(shared?["runAsNonRoot"])) != true)
        {
            yield return $"{who}: runAsNonRoot must be true";
        }

        if (ManifestJson.Flag(own?["readOnlyRootFilesystem"]) != true)
        {
            yield return $"{who}: readOnlyRootFilesystem must be true";
        }

        if (ManifestJson.Flag(own?["allowPrivilegeEscalation"]) != false)
        {
            yield return $"{who}: allowPrivilegeEscalation must be false";
        }

        if (ManifestJson.Flag(own?["privileged"]) == true)
        {
            yield return $"{who}: must not be privileged";
        }

        var capabilities = own?["capabilities"];
        if (capabilities?["drop"]?.AsArray().Any(c => ManifestJson.Text(c) == "ALL") != true)
        {
            yield return $"{who}: capabilities.drop must be [ALL]";
        }

        if (capabilities?["add"] is JsonArray { Count: > 0 })
        {
            yield return $"{who}: must not add capabilities";
        }

        if ((ManifestJson.Text(own?["seccompProfile"]?["type"]) ?? ManifestJson.Text(shared?["seccompProfile"]?["type"])) != "RuntimeDefault")
        {
            yield return $"{who}: seccompProfile.type must be RuntimeDefault";
        }

        foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            var get = container[probe]?["httpGet"];
            if (ManifestJson.Text(get?["path"]) != path || ManifestJson.Text(get?["scheme"]) != "HTTPS")
            {
                yield return $"{who}: {probe} must GET {path} over HTTPS";
            }
        }

        var resources = container["resources"];
        if (resources?["requests"]?["cpu"] is null || resources?["requests"]?["memory"] is null || resources?["limits"]?["memory"] is null)
        {
            yield return $"{who}: resources need cpu and memory requests and a memory limit";
        }

        if (!MountsCertificateSecret(pod, container))
        {
            yield return $"{who}: --tls-cert and --tls-key must name files in a volume mounted from a Secret";
        }
    }

    private static bool MountsCertificateSecret(JsonNode pod, JsonObject container)
    {
        var args = container["args"]?.AsArray().Select(a => ManifestJson.Text(a) ?? "").ToList() ?? [];
        var secretVolumes = pod["volumes"]?.AsArray()
            .Where(v => v?["secret"]?["secretName"] is not null)
            .Select(v => ManifestJson.Text(v!["name"]))
            .ToHashSet() ?? [];
        var secretMounts = container["volumeMounts"]?.AsArray()
            .Where(m => secretVolumes.Contains(ManifestJson.Text(m?["name"])) && m?["subPath"] is null)
            .Select(m => (ManifestJson.Text(m!["mountPath"]) ?? "").TrimEnd('/') + "/")
            .ToList() ?? [];
        return new[] { "--tls-cert", "--tls-key" }.All(option =>
            args.IndexOf(option) is var i && i >= 0 && i + 1 < args.Count
            && secretMounts.Any(m => args[i + 1].StartsWith(m, StringComparison.Ordinal)));
    }
}
