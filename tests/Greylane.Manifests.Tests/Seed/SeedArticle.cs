namespace Greylane.Manifests.Seed.Tests;

/// <summary>The seed article's "before" objects, verbatim (seed/000_dbe54f0e5572481b.txt), that the sample must reproduce.</summary>
internal static class SeedArticle
{
    public const string Objects = """
        apiVersion: v1
        kind: Service
        metadata:
          name: mocka
          namespace: e2e
          labels:
            app: mocka
            service: mocka
        spec:
          ports:
          - port: 8000
            name: http
          selector:
            app: mocka
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: mockb
          namespace: e2e
          labels:
            app: mockb
            service: mockb
        spec:
          ports:
          - port: 8000
            name: http
          selector:
            app: mockb
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: Gateway
        metadata:
          name: gateway
          namespace: e2e
        spec:
          selector:
            istio: ingressgateway
          servers:
            - hosts:
                - "*"
              port:
                name: http
                number: 80
                protocol: HTTP
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata:
          name: dr-mocka
          namespace: e2e
        spec:
          host: mocka
          trafficPolicy:
            loadBalancer:
              simple: ROUND_ROBIN
          subsets:
            - labels:
                version: base
              name: version-base
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata:
          name: dr-mockb
          namespace: e2e
        spec:
          host: mockb
          trafficPolicy:
            loadBalancer:
              simple: ROUND_ROBIN
          subsets:
            - labels:
                version: base
              name: version-base
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: vs-mocka
          namespace: e2e
        spec:
          gateways:
          - simple-gateway
          hosts:
            - "*"
          http:
          - route:
              - destination:
                  host: mocka
                  subset: version-base
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: vs-mockb
          namespace: e2e
        spec:
          hosts:
            - mockb
          http:
            - route:
                - destination:
                    host: mockb
                    subset: version-base
        """;
}
