using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Admission;
using Greylane.Core.Analysis;

namespace Greylane.Core.Admission.Tests;

public sealed class TenancyAdmissionTests
{
    private const string Foreign = """sum(secret_metric{namespace="kube-system"})""";

    [Fact]
    public void A_strategy_reading_another_namespace_is_denied_with_the_field_and_the_fix()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment(strategy: Strategy(Foreign))));

        Assert.False(decision.Allowed);
        Assert.Equal(400, decision.Code);
        Assert.Equal(
            """greylane.dev/strategy on team1/checkout is invalid: analysis.metrics[0].query: secret_metric{namespace="kube-system"} reads namespace kube-system; queries may only read their own namespace team1: remove the namespace matcher or use {{namespace}}""",
            decision.Message);
    }

    [Fact]
    public void A_strategy_whose_query_is_not_promql_is_denied()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment(strategy: Strategy("sum(rate(x[5m])"))));

        Assert.False(decision.Allowed);
        Assert.Contains("analysis.metrics[0].query: not valid PromQL: unexpected end of input at offset 15", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_ref_deployment_is_judged_on_its_inline_queries()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment(strategy: Strategy(Foreign), reference: "shared")));

        Assert.False(decision.Allowed);
        Assert.Contains("analysis.metrics[0].query: secret_metric", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_tenancy_off_such_strategies_are_admitted_and_prometheus_judges_them_later()
    {
        var input = new AdmissionInput(AdmissionOperation.Create, null, Deployment(strategy: Strategy(Foreign + " + x{a=b}"))) { Tenancy = QueryTenancy.Off };

        Assert.True(AdmissionDecider.Decide(input).Allowed);
    }

    [Fact]
    public void A_query_in_its_own_namespace_is_admitted()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment(strategy: Strategy("""sum(rate(x{namespace="{{namespace}}"}[5m]))"""))));

        Assert.True(decision.Allowed);
    }

    private static string Strategy(string query) => new JsonObject
    {
        ["analysis"] = new JsonObject { ["metrics"] = new JsonArray(new JsonObject { ["name"] = "sr", ["query"] = query, ["min"] = 1 }) },
    }.ToJsonString();

    private static JsonElement Deployment(string strategy, string? reference = null)
    {
        var annotations = new JsonObject { ["greylane.dev/enabled"] = "true", ["greylane.dev/strategy"] = strategy };
        if (reference is not null)
        {
            annotations["greylane.dev/strategy-ref"] = reference;
        }

        var deployment = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "checkout", ["namespace"] = "team1", ["annotations"] = annotations },
            ["spec"] = JsonNode.Parse("""{"replicas":2,"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"a:1"}]}}}"""),
        };
        return JsonDocument.Parse(deployment.ToJsonString()).RootElement.Clone();
    }
}
