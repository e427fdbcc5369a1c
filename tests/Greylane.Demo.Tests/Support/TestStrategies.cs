namespace Greylane.Demo.Support.Tests;

/// <summary>Strategies for mockb-base with one analysis-gated step on the lane, measured every second.</summary>
internal static class TestStrategies
{
    /// <summary>The success rate of this release's canary pods over the last 5s.</summary>
    public const string SuccessRate =
        """sum(rate(http_requests_total{namespace="{{namespace}}",release="{{release}}",code!~"5.."}[5s])) / sum(rate(http_requests_total{namespace="{{namespace}}",release="{{release}}"}[5s]))""";

    /// <summary>
    /// Valid syntax that Prometheus refuses (rate of an instant vector): tenancy scoping, which refuses what it cannot
    /// parse before sending, sends this one, and Prometheus answers <c>bad_data</c>.
    /// </summary>
    public const string Malformed = """sum(rate(http_requests_total{release="{{release}}"}))""";

    public static string Gated(string query = SuccessRate, int count = 3, int failureLimit = 1, int inconclusiveLimit = 3) => $$"""
        canaryLabels:
          istio.service.tag: gray
          version: canary
        traffic:
          service: mockb
          istio:
            virtualServices: [vs-mockb]
            destinationRule: dr-mockb
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
            analysis: [success-rate]
        progressDeadline: 2m
        analysis:
          interval: 1s
          metrics:
            - name: success-rate
              query: '{{query}}'
              min: 0.95
              initialDelay: 3s
              count: {{count}}
              failureLimit: {{failureLimit}}
              inconclusiveLimit: {{inconclusiveLimit}}
        """;

    /// <summary>The same step gated by the built-in success rate compared with stable (Istio's metrics from the mesh stand-in).</summary>
    public static string Builtin(int count = 3, int failureLimit = 1, int inconclusiveLimit = 3) =>
        Gated(count: count, failureLimit: failureLimit, inconclusiveLimit: inconclusiveLimit).Replace(
            $"      query: '{SuccessRate}'\n      min: 0.95\n",
            "      builtin: success-rate\n      compare: stable\n      maxDrop: 0.05\n      window: 5s\n",
            StringComparison.Ordinal);
}
