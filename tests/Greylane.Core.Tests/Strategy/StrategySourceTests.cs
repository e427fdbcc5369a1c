using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class StrategySourceTests
{
    private const string Shared = "steps: [{replicas: 1, pause: 30s}, {replicas: 2}]";

    [Fact]
    public void Without_a_reference_the_inline_strategy_is_read_and_nothing_is_looked_up()
    {
        var looked = new List<string>();

        var read = StrategySource.Read("shop", Annotations(inline: "steps: [{replicas: 3}]"), Lookup(looked));

        Assert.True(read.IsValid);
        Assert.Equal(3, Assert.Single(read.Strategy!.Steps).Replicas.Resolve(10));
        Assert.Empty(looked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_reference_is_no_reference(string? reference)
    {
        Assert.Null(StrategySource.Reference(reference));
        Assert.True(StrategySource.Read("shop", Annotations(reference: reference), Lookup([])).IsValid);
    }

    [Fact]
    public void The_inline_strategy_merges_over_the_configmap_it_names()
    {
        var looked = new List<string>();

        var read = StrategySource.Read("shop", Annotations(inline: "progressDeadline: 5m", reference: "lane"), Lookup(looked, ("lane", Shared)));

        Assert.True(read.IsValid);
        Assert.Equal(["lane"], looked);
        Assert.Equal(2, read.Strategy!.Steps.Count);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Strategy.ProgressDeadline);
    }

    [Fact]
    public void A_missing_configmap_or_key_is_one_error_that_names_it_and_the_fix()
    {
        var read = StrategySource.Read("shop", Annotations(inline: "steps: [{replicas: 1}]", reference: "nowhere"), Lookup([]));

        Assert.False(read.IsValid);
        var error = Assert.Single(read.Errors);
        Assert.Equal("greylane.dev/strategy-ref", error.Field);
        Assert.Equal("ConfigMap shop/nowhere with key strategy.yaml was not found; create it in the Deployment's namespace or remove the annotation", error.Message);
    }

    [Fact]
    public async Task The_async_read_decides_as_the_sync_one()
    {
        var annotations = Annotations(inline: "steps: [{weight: 120}]", reference: "lane");
        var sync = StrategySource.Read("shop", annotations, Lookup([], ("lane", Shared)));

        var async = await StrategySource.ReadAsync("shop", annotations, (name, _) => Task.FromResult(Lookup([], ("lane", Shared))(name)), null, CancellationToken.None);

        Assert.Equal(sync.Errors, async.Errors);
        Assert.Contains(async.Errors, e => e.Field == "steps[0].weight");
    }

    [Fact]
    public void Queries_are_judged_against_the_tenancy_given()
    {
        const string Inline = "steps: [{analysis: [up]}]\nanalysis: {metrics: [{name: up, query: 'up{namespace=\"other\"}', min: 1}]}";

        var without = StrategySource.Read("shop", Annotations(inline: Inline), Lookup([]));
        var with = StrategySource.Read("shop", Annotations(inline: Inline), Lookup([]), new TenancyCheck(QueryTenancy.On, "shop", "web"));

        Assert.True(without.IsValid);
        Assert.False(with.IsValid);
    }

    private static Func<string, string?> Annotations(string? inline = null, string? reference = null) => key => key switch
    {
        "greylane.dev/strategy" => inline,
        "greylane.dev/strategy-ref" => reference,
        _ => null,
    };

    private static Func<string, string?> Lookup(List<string> looked, params (string Name, string Value)[] maps) => name =>
    {
        looked.Add(name);
        return maps.FirstOrDefault(m => m.Name == name).Value;
    };
}
