using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.Core;
using Greylane.Core.Serialization;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Narration;

/// <summary>
/// Tells what happens in the namespace as it happens, from the API's own objects: each Deployment's hold, release
/// and status (phases, steps, metric values, messages), canary ReplicaSets coming and going, and every
/// VirtualService/DestinationRule change as a marked diff of its spec.
/// </summary>
internal sealed class Narrator : IAsyncDisposable
{
    private readonly DemoOutput _output;
    private readonly string _ns;
    private readonly Channel<StoreEvent> _events = Channel.CreateUnbounded<StoreEvent>();
    private readonly IDisposable _subscription;
    private readonly Dictionary<string, DeploymentStory> _deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _routing = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public Narrator(IObjectStore store, string ns, DemoOutput output)
    {
        _output = output;
        _ns = ns;
        foreach (var type in new[] { Mesh.MeshRouter.VirtualServices, Mesh.MeshRouter.DestinationRules, Mesh.HttpRouteMesh.HttpRoutes })
        {
            foreach (var obj in store.List(type, ns))
            {
                _routing[Key(type, obj)] = SpecYaml(obj);
            }
        }

        _subscription = store.Subscribe(e =>
        {
            if (e.Object["metadata"]?["namespace"]?.GetValue<string>() == ns)
            {
                _events.Writer.TryWrite(e);
            }
        });
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _events.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        await foreach (var e in _events.Reader.ReadAllAsync())
        {
            switch (e.Resource.Plural)
            {
                case "deployments" when e.Resource.Group == "apps":
                    Deployment(e);
                    break;
                case "replicasets" when e.Resource.Group == "apps":
                    ReplicaSet(e);
                    break;
                case "virtualservices" or "destinationrules" when e.Resource.Group == "networking.istio.io":
                case "httproutes" when e.Resource.Group == "gateway.networking.k8s.io":
                    Routing(e);
                    break;
                default:
                    break;
            }
        }
    }

    private void Deployment(StoreEvent e)
    {
        var name = e.Object["metadata"]!["name"]!.GetValue<string>();
        if (!_deployments.TryGetValue(name, out var story))
        {
            story = _deployments[name] = new DeploymentStory(name);
        }

        foreach (var line in story.Changes(e.Type == "DELETED" ? null : e.Object))
        {
            _output.Line(line);
        }
    }

    private void ReplicaSet(StoreEvent e)
    {
        var labels = e.Object["metadata"]?["labels"] as JsonObject;
        if (labels?[GreylaneKeys.Release] is null || e.Type == "MODIFIED")
        {
            return;
        }

        var name = e.Object["metadata"]!["name"]!.GetValue<string>();
        _output.Line(e.Type == "ADDED"
            ? $"{name,-28} canary ReplicaSet created ({e.Object["spec"]?["replicas"]} pod; labels {string.Join(", ", (e.Object["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? new JsonObject()).Select(p => $"{p.Key}={p.Value}"))})"
            : $"{name,-28} canary ReplicaSet deleted");
    }

    private void Routing(StoreEvent e)
    {
        var key = Key(e.Resource, e.Object);
        var after = e.Type == "DELETED" ? "" : SpecYaml(e.Object);
        var before = _routing.GetValueOrDefault(key, "");
        _routing[key] = after;
        if (before == after || e.Type == "ADDED")
        {
            return;
        }

        var origin = e.Object["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null;
        _output.Line($"{key} changed{(origin ? $" (original kept in annotation {GreylaneKeys.Origin})" : "")}:\n    spec:\n"
            + string.Join('\n', LineDiff.Mark(before, after).Select(l => "    " + l)));
    }

    private static string Key(ResourceType type, JsonObject obj) => $"{type.Kind}/{obj["metadata"]!["name"]}";

    private static string SpecYaml(JsonObject obj) =>
        YamlJson.Write(obj["spec"]?.DeepClone() ?? new JsonObject()).Replace("\n", "\n  ", StringComparison.Ordinal).Insert(0, "  ").TrimEnd(' ');
}
