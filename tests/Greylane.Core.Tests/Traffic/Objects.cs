using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

/// <summary>Small objects and targets for the unit tests (the fixtures hold the larger ones).</summary>
internal static class Objects
{
    public static TrafficTarget Mocka(LaneSpec? lane = null) => new(
        "e2e",
        "mocka-base",
        "mocka",
        new Dictionary<string, string> { ["istio.service.tag"] = "gray", ["version"] = "canary" },
        new Dictionary<string, string> { ["app"] = "mocka", ["version"] = "base" },
        Lane: lane);

    public static TrafficTarget Mockb(LaneSpec? lane = null) => Mocka(lane) with
    {
        Deployment = "mockb-base",
        Service = "mockb",
        TemplateLabels = new Dictionary<string, string> { ["app"] = "mockb", ["version"] = "base" },
    };

    public static JsonObject VirtualService(string host, string name = "vs") => Yaml($$"""
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: {{name}}, namespace: e2e}
        spec:
          hosts: [{{host}}]
          http:
          - route:
            - destination: {host: {{host}}, subset: version-base}
        """);

    public static JsonObject DestinationRule(string host) => Yaml($$"""
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: dr-{{host}}, namespace: e2e}
        spec:
          host: {{host}}
          subsets:
          - name: version-base
            labels: {version: base}
        """);

    public static StepSpec Step(int? weight = null, params MatchSpec[] matches) =>
        new(ReplicaCount.Of(1), weight, matches, PauseSpec.Manual, []);

    public static MatchSpec Header(string name, string value, MatchKind kind = MatchKind.Exact) =>
        new([new StringMatchSpec(name, value, kind)], [], null);

    public static JsonObject Yaml(string yaml) => YamlJson.Parse(yaml)!.AsObject();

    public static JsonObject Desired(TrafficResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Desired!;
    }
}
