using Greylane.Core.Rollout;
using k8s.Models;

namespace Greylane.Testing.Hosts;

/// <summary>Opted-in Deployments for the controller tests, and reading their release status.</summary>
public static class Releases
{
    public const string OneStep = """
        steps:
          - replicas: 1
            pause: manual
        """;

    public const string ThreeSteps = """
        steps:
          - replicas: 1
            pause: 0s
          - replicas: 50%
            pause: 200ms
          - replicas: 100%
            pause: 0s
        """;

    public static string Deployment(string name, string strategy, int replicas = 2, string image = "web:v1") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          annotations:
            greylane.dev/enabled: "true"
            greylane.dev/strategy: |
        {Indent(strategy, 6)}
        spec:
          replicas: {replicas}
          selector: {"{"}matchLabels: {"{"}app: {name}{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: {name}{"}"}{"}"}
            spec:
              containers: [{"{"}name: app, image: "{image}"{"}"}]
        """;

    public static RolloutStatus Status(V1Deployment deployment) =>
        RolloutStatusJson.Read(deployment.Metadata.Annotations?.TryGetValue("greylane.dev/status", out var json) == true ? json : null);

    public static RolloutPhase Phase(V1Deployment deployment) => Status(deployment).Phase;

    public static string? Annotation(V1Deployment deployment, string key) =>
        deployment.Metadata.Annotations?.TryGetValue(key, out var value) == true ? value : null;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));
}
