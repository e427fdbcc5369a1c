using Greylane.Core.PromQL;

namespace Greylane.Core.PromQL.Tests;

public sealed class PrometheusGrammarTests
{
    [Theory]
    [MemberData(nameof(PrometheusCases.Valid), MemberType = typeof(PrometheusCases))]
    public void Queries_prometheus_parses_are_parsed(string input)
    {
        var expr = PromQLParser.TryParse(input, out var error);

        Assert.True(expr is not null, $"{input}: {error}");
    }

    [Theory]
    [MemberData(nameof(PrometheusCases.Invalid), MemberType = typeof(PrometheusCases))]
    public void Queries_prometheus_refuses_for_their_syntax_are_refused_with_an_offset_inside_the_input(string input)
    {
        var expr = PromQLParser.TryParse(input, out var error);

        Assert.True(expr is null, $"{input} was accepted");
        Assert.InRange(error!.Offset, 0, input.Length);
    }

    [Theory]
    [MemberData(nameof(PrometheusCases.TypeErrors), MemberType = typeof(PrometheusCases))]
    public void Queries_prometheus_refuses_only_for_types_or_function_names_are_left_to_prometheus(string input)
    {
        Assert.NotNull(PromQLParser.TryParse(input, out _));
    }

    [Theory]
    [MemberData(nameof(PrometheusCases.Experimental), MemberType = typeof(PrometheusCases))]
    public void Duration_expressions_behind_prometheus_feature_flags_are_refused(string input)
    {
        Assert.Null(PromQLParser.TryParse(input, out _));
    }
}
