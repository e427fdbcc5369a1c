namespace Greylane.Demo.Story;

/// <summary>
/// The demo's strategy override: the seed's (one canary pod, the <c>my-request-id: canary</c> lane, the canary subset
/// of <c>istio.service.tag: gray</c>, a manual pause) with demo timings (grace period 1s) and, when Prometheus runs,
/// a success-rate gate measured every 2s on the release's own canary pods before the pause: mocka's is a PromQL query
/// with an absolute bar, mockb's (the one release 2 trips) the built-in comparison with stable from the mesh's Istio
/// metrics.
/// </summary>
internal static class DemoStrategies
{
    /// <summary>Requests of this release's canary pods that were not 5xx, over all of them, in the last 10s.</summary>
    public const string SuccessRate =
        """sum(rate(http_requests_total{namespace="{{namespace}}",app="{{service}}",release="{{release}}",code!~"5.."}[10s])) / sum(rate(http_requests_total{namespace="{{namespace}}",app="{{service}}",release="{{release}}"}[10s]))""";

    public static string? For(string deployment, bool analysis) => deployment switch
    {
        Setup.DemoNames.MockA => Seed("mocka", analysis),
        Setup.DemoNames.MockB => Seed("mockb", analysis, builtin: true),
        _ => null,
    };

    /// <summary>The same strategies routed by the Gateway API (<c>--gateway-api</c>).</summary>
    public static string? ForGatewayApi(string deployment, bool analysis) =>
        For(deployment, analysis)?.Replace(Istio(deployment == Setup.DemoNames.MockA ? "mocka" : "mockb"), GatewayApi(deployment == Setup.DemoNames.MockA ? "mocka" : "mockb"), StringComparison.Ordinal);

    public static string Seed(string service, bool analysis, string pause = "manual", bool builtin = false) => $$"""
        canaryLabels:
          istio.service.tag: gray
          version: canary
        traffic:
          service: {{service}}
        {{Istio(service)}}
          lane:
            header: my-request-id
            value: canary
          gracePeriod: 1s
        steps:
          - replicas: 1
            matches:
              - headers:
                  - name: my-request-id
                    value: canary
                    type: Exact
        {{(analysis ? "    analysis: [success-rate]\n" : "")}}    pause: {{pause}}
        progressDeadline: 2m
        {{(analysis ? (builtin ? BuiltinAnalysis : Analysis) : "")}}
        """;

    private const string Analysis = $"""
        analysis:
          interval: 2s
          metrics:
            - name: success-rate
              query: '{SuccessRate}'
              min: 0.95
              initialDelay: 2s
              count: 3
              failureLimit: 1
              inconclusiveLimit: 5
        """;

    /// <summary>The canary's success rate against stable's over the same 10s, from Istio's metrics (no PromQL written).</summary>
    private const string BuiltinAnalysis = """
        analysis:
          interval: 2s
          metrics:
            - name: success-rate
              builtin: success-rate
              compare: stable
              maxDrop: 0.05
              window: 10s
              initialDelay: 2s
              count: 3
              failureLimit: 1
              inconclusiveLimit: 5
        """;

    private static string Istio(string service) => $"""
          istio:
            virtualServices: [vs-{service}]
            destinationRule: dr-{service}
        """;

    private static string GatewayApi(string service) => $"""
          gatewayAPI:
            httpRoutes: [{service}]
        """;
}
