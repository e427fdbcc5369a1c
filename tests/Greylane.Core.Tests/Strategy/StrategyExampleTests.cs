using Greylane.Core.Serialization;
using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class StrategyExampleTests
{
    // The strategy of DESIGN.md's "What a user writes", verbatim.
    public const string DesignExample = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic:
          service: mocka                      # default: the Service whose selector matches the pods
          istio: {virtualServices: [vs-mocka], destinationRule: dr-mocka}   # default: found by host
          gracePeriod: 3s
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
            pause: manual                     # or a duration: 30s, 5m
          - replicas: 50%
            weight: 20
            analysis: [success-rate]
            pause: 2m
        analysis:
          interval: 30s
          metrics:
            - name: success-rate
              query: sum(rate(http_requests_total{namespace="{{namespace}}",version="canary",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",version="canary"}[1m]))
              min: 0.99
              count: 3              # passing measurements needed
              failureLimit: 1       # failing measurements tolerated
              inconclusiveLimit: 3  # no data / NaN / Prometheus errors tolerated, then hold for a human
        """;

    private static readonly RolloutStrategy Expected = new(
        new Dictionary<string, string> { ["istio.service.tag"] = "gray", ["version"] = "canary" },
        new TrafficSpec("mocka", new IstioSpec(["vs-mocka"], "dr-mocka"), TimeSpan.FromSeconds(3), null),
        [
            new StepSpec(ReplicaCount.Of(1), null, [new MatchSpec([new StringMatchSpec("my-request-id", "canary")], [], null)], PauseSpec.Manual, []),
            new StepSpec(ReplicaCount.Percent(50), 20, [], PauseSpec.For(TimeSpan.FromMinutes(2)), ["success-rate"]),
        ],
        new AnalysisSpec(TimeSpan.FromSeconds(30), [
            new MetricSpec(
                "success-rate",
                """sum(rate(http_requests_total{namespace="{{namespace}}",version="canary",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",version="canary"}[1m]))""",
                Min: 0.99,
                Max: null,
                Count: 3,
                FailureLimit: 1,
                InconclusiveLimit: 3),
        ]),
        TimeSpan.FromMinutes(10));

    [Fact]
    public void The_design_example_in_yaml_reads_to_the_expected_model()
    {
        StrategyAssert.SameModel(Expected, StrategyAssert.Valid(DesignExample));
    }

    [Fact]
    public void The_design_example_in_json_reads_to_the_same_model()
    {
        var json = YamlJson.Parse(DesignExample)!.ToJsonString(new() { WriteIndented = true });

        StrategyAssert.SameModel(Expected, StrategyAssert.Valid(json));
    }

    [Fact]
    public void Compact_json_as_kubectl_annotate_writes_it_reads_too()
    {
        var json = YamlJson.Parse(DesignExample)!.ToJsonString();

        StrategyAssert.SameModel(Expected, StrategyAssert.Valid(json));
    }

    [Fact]
    public void The_reader_keeps_the_shapes_other_parts_rely_on()
    {
        var strategy = StrategyAssert.Valid(DesignExample);

        Assert.True(strategy.Steps[0].ChangesRouting);
        Assert.Equal(MatchKind.Exact, strategy.Steps[0].Matches[0].Headers[0].Kind);
        Assert.Equal("canary", strategy.Traffic.Istio.CanarySubset);
        Assert.Equal(2, StrategyReader.ResolveReplicas(strategy.Steps[1], 3));
    }
}
