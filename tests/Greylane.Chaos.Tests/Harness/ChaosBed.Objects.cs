namespace Greylane.Chaos.Harness.Tests;

/// <content>The release's objects: subset mode, as in the seed sample.</content>
internal sealed partial class ChaosBed
{
    private const string Objects = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: greylane-system}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: web, namespace: shop}
        spec:
          host: web
          subsets:
            - name: stable
              labels: {version: stable}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web]
          http:
            - route:
                - destination: {host: web, subset: stable}
        """;

    private static string Deployment(ReleasePlan plan) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          annotations:
            greylane.dev/enabled: "true"
            greylane.dev/strategy: |
        {{{Indent(plan.StrategyYaml(), 6)}}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web, version: stable}}
            spec:
              containers: [{name: app, image: "web:v1"}]
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.TrimEnd().Split('\n').Select(line => new string(' ', spaces) + line));
}
