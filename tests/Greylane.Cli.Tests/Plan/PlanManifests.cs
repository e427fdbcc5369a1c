namespace Greylane.Cli.Plan.Tests;

/// <summary>Manifests for plan tests beyond the seed: weights, analysis and host-mode routing.</summary>
internal static class PlanManifests
{
    public const string WebDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          annotations:
            greylane.dev/enabled: "true"
            greylane.dev/strategy: |
              canaryLabels: {track: canary}
              steps:
                - replicas: 1
                  matches: [{headers: [{name: beta, value: "yes"}]}, {path: {value: /v2/, type: Prefix}}]
                  pause: manual
                - replicas: 50%
                  weight: 20
                  analysis: [success-rate]
                  pause: 2m
              analysis:
                interval: 1m
                metrics:
                  - name: success-rate
                    query: sum(rate(http_requests_total{namespace="{{namespace}}",release="{{release}}",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",pod_template_hash="{{stable}}"}[1m]))
                    min: 0.99
                    count: 3
        spec:
          replicas: 4
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: example/web:2
        """;

    public const string WebRouting = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.shop.svc.cluster.local]
          http:
            - timeout: 5s
              route:
                - destination: {host: web.shop.svc.cluster.local, port: {number: 80}}
        """;

    public const string Minimal = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: shop
          annotations:
            greylane.dev/enabled: "true"
        spec:
          replicas: 3
          selector:
            matchLabels: {app: cart}
          template:
            metadata:
              labels: {app: cart}
            spec:
              containers: [{name: cart, image: example/cart:2}]
        """;
}
