using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Defaults;

/// <summary>core/v1 Service defaults, with a cluster IP allocated once and kept across updates.</summary>
internal static class ServiceDefaults
{
    private static int _nextAddress = 10;

    public static void Apply(JsonObject service, JsonObject? stored)
    {
        var spec = Defaulting.Child(service, "spec");
        Defaulting.Default(spec, "type", "ClusterIP");
        Defaulting.Default(spec, "sessionAffinity", "None");
        var type = spec["type"]?.GetValue<string>();
        if (type != "ExternalName")
        {
            // Like the real allocator: an update that omits the allocated address keeps it.
            var storedIp = stored?["spec"]?["clusterIP"]?.DeepClone();
            Defaulting.Default(spec, "clusterIP", storedIp ?? NextAddress());
            spec["clusterIPs"] ??= new JsonArray(spec["clusterIP"]!.DeepClone());
            Defaulting.Default(spec, "ipFamilies", new JsonArray("IPv4"));
            Defaulting.Default(spec, "ipFamilyPolicy", "SingleStack");
            Defaulting.Default(spec, "internalTrafficPolicy", "Cluster");
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Defaulting.Default(port, "protocol", "TCP");
            if (port["port"] is { } number)
            {
                Defaulting.Default(port, "targetPort", number.DeepClone());
            }
        }
    }

    private static string NextAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return $"10.96.{(n / 250) % 250}.{(n % 250) + 1}";
    }
}
