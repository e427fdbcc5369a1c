using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Tables;

/// <summary>The columns kube-apiserver's printers give the built-ins <c>kubectl get</c> shows most.</summary>
internal static class BuiltInColumns
{
    public static IReadOnlyList<TableColumn>? For(ResourceType type, Func<JsonObject, JsonNode?> age) => type.StorageKey() switch
    {
        "apps/deployments" =>
        [
            Name(), Text("Ready", o => $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}"),
            Integer("Up-to-date", o => Int(o, "status", "updatedReplicas")), Integer("Available", o => Int(o, "status", "availableReplicas")),
            Age(age), .. Workload(),
        ],
        "apps/replicasets" =>
        [
            Name(), Integer("Desired", o => Int(o, "spec", "replicas")), Integer("Current", o => Int(o, "status", "replicas")),
            Integer("Ready", o => Int(o, "status", "readyReplicas")), Age(age), .. Workload(),
        ],
        "/pods" =>
        [
            Name(), Text("Ready", PodCells.Ready), Text("Status", PodCells.Status), Integer("Restarts", PodCells.Restarts), Age(age),
            new("IP", "string", "", 1, o => Str(o["status"]?["podIP"]) is { Length: > 0 } ip ? ip : "<none>"),
            new("Node", "string", "", 1, o => Str(o["spec"]?["nodeName"]) is { Length: > 0 } node ? node : "<none>"),
        ],
        "/namespaces" => [Name(), Text("Status", o => Str(o["status"]?["phase"])), Age(age)],
        "/services" =>
        [
            Name(), Text("Type", o => Str(o["spec"]?["type"])), Text("Cluster-IP", o => Str(o["spec"]?["clusterIP"])),
            Text("External-IP", _ => "<none>"), Text("Port(s)", ServicePorts), Age(age),
            new("Selector", "string", "", 1, o => Selector(o["spec"]?["selector"] as JsonObject)),
        ],
        "/configmaps" => [Name(), Integer("Data", o => (o["data"] as JsonObject)?.Count + (o["binaryData"] as JsonObject)?.Count ?? 0), Age(age)],
        "/events" =>
        [
            new("Last Seen", "string", "", 0, o => age(EventTime(o))), Text("Type", o => Str(o["type"])), Text("Reason", o => Str(o["reason"])),
            Text("Object", o => $"{Str(o["involvedObject"]?["kind"]).ToLowerInvariant()}/{Str(o["involvedObject"]?["name"])}"),
            Text("Message", o => Str(o["message"])),
        ],
        "/secrets" => [Name(), Text("Type", o => Str(o["type"])), Integer("Data", o => (o["data"] as JsonObject)?.Count ?? 0), Age(age)],
        _ => null,
    };

    // A pseudo-object whose creationTimestamp is the event's last occurrence, so the AGE formatter can print it.
    private static JsonObject EventTime(JsonObject e)
    {
        var when = Str(e["lastTimestamp"]) is { Length: > 0 } last ? last : Str(e["eventTime"]) is { Length: > 0 } at ? at : e.MetaString("creationTimestamp");
        return new JsonObject { ["metadata"] = new JsonObject { ["creationTimestamp"] = when } };
    }

    public static TableColumn Name() => new("Name", "string", "name", 0, o => o.Name());

    public static TableColumn Age(Func<JsonObject, JsonNode?> age) => new("Age", "string", "", 0, age);

    private static TableColumn Text(string name, Func<JsonObject, string> cell) => new(name, "string", "", 0, o => cell(o));

    private static TableColumn Integer(string name, Func<JsonObject, long> cell) => new(name, "integer", "", 0, o => cell(o));

    private static TableColumn[] Workload() =>
    [
        new("Containers", "string", "", 1, o => string.Join(",", Containers(o).Select(c => Str(c["name"])))),
        new("Images", "string", "", 1, o => string.Join(",", Containers(o).Select(c => Str(c["image"])))),
        new("Selector", "string", "", 1, o => Selector(o["spec"]?["selector"]?["matchLabels"] as JsonObject)),
    ];

    private static IEnumerable<JsonObject> Containers(JsonObject o) =>
        (o["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    private static string ServicePorts(JsonObject o)
    {
        var ports = (o["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => $"{p["port"]}{(p["nodePort"] is { } node ? $":{node}" : "")}/{Str(p["protocol"])}").ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static string Selector(JsonObject? labels) =>
        labels is null || labels.Count == 0 ? "<none>" : string.Join(",", labels.Select(p => $"{p.Key}={Str(p.Value)}"));

    internal static long Int(JsonObject o, string section, string field) =>
        JsonNumbers.AsLong(o[section]?[field]) ?? 0;

    internal static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : "";
}
