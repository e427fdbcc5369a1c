using Greylane.Core.PromQL;

namespace Greylane.Core.PromQL.Tests;

public sealed class PromQLParserTests
{
    [Fact]
    public void A_selector_records_where_it_and_each_matcher_stand_in_the_text()
    {
        const string query = """sum(rate(http_requests_total{code!~"5..", "service.name"="api"}[5m] offset 1m))""";

        var selector = Assert.Single(ExprTree.Selectors(PromQLParser.Parse(query)));

        Assert.Equal("http_requests_total", selector.Name);
        Assert.Equal("""http_requests_total{code!~"5..", "service.name"="api"}""", selector.Span.In(query));
        Assert.Equal("""{code!~"5..", "service.name"="api"}""", selector.Braces!.Value.In(query));
        Assert.Equal(["code!~\"5..\"", "\"service.name\"=\"api\""], selector.Matchers.Select(m => m.Span.In(query)));
        Assert.Equal([("code", MatchOp.NotRegex, "5.."), ("service.name", MatchOp.Equal, "api")], selector.Matchers.Select(m => (m.Name, m.Op, m.Value)));
        Assert.Equal(TimeSpan.FromMinutes(1), selector.Offset);
    }

    [Fact]
    public void A_bare_string_in_braces_is_the_metric_name()
    {
        var selector = Assert.IsType<VectorSelector>(PromQLParser.Parse("""{"my.metric", job="api"}"""));

        Assert.Null(selector.Name);
        Assert.Equal([("__name__", MatchOp.Equal, "my.metric"), ("job", MatchOp.Equal, "api")], selector.Matchers.Select(m => (m.Name, m.Op, m.Value)));
    }

    [Theory]
    [InlineData("a + b * c ^ d ^ e", "(a + (b * (c ^ (d ^ e))))")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a or b and c unless d", "(a or ((b and c) unless d))")]
    [InlineData("a > bool b + c", "(a > (b + c))")]
    [InlineData("-a ^ b * c", "((-(a ^ b)) * c)")]
    [InlineData("a atan2 b + c", "((a atan2 b) + c)")]
    [InlineData("-1 + 2", "(-1 + 2)")]
    [InlineData("sum(a) by (x) / on(x) group_left(y) b offset 5m", "(sum(a) / b)")]
    [InlineData("(a + b) * c", "((a + b) * c)")]
    public void Binary_operators_bind_with_prometheus_precedence(string query, string shape)
    {
        Assert.Equal(shape, Shape(PromQLParser.Parse(query)));
    }

    [Fact]
    public void Aggregations_take_by_or_without_before_or_after_their_arguments()
    {
        var before = Assert.IsType<AggregateExpr>(PromQLParser.Parse("sum by (le, \"k8s.pod\") (rate(x[5m]))"));
        var after = Assert.IsType<AggregateExpr>(PromQLParser.Parse("topk(3, x) without (pod,)"));

        Assert.Equal(["le", "k8s.pod"], before.Grouping);
        Assert.False(before.Without);
        Assert.Equal(["pod"], after.Grouping);
        Assert.True(after.Without);
        Assert.Equal(2, after.Args.Count);
    }

    [Fact]
    public void Offsets_at_modifiers_and_subqueries_are_read()
    {
        var call = Assert.IsType<CallExpr>(PromQLParser.Parse("max_over_time(rate(x[1m])[1h:5m] offset -30m @ end())"));

        var subquery = Assert.IsType<SubqueryExpr>(Assert.Single(call.Args));
        Assert.Equal(TimeSpan.FromHours(1), subquery.Range);
        Assert.Equal(TimeSpan.FromMinutes(5), subquery.Step);
        Assert.Equal(TimeSpan.FromMinutes(-30), subquery.Offset);
        Assert.Equal("end()", subquery.At);
        Assert.Equal(TimeSpan.FromMinutes(1), Assert.IsType<MatrixSelector>(Assert.IsType<CallExpr>(subquery.Inner).Args[0]).Range);
    }

    [Fact]
    public void Keywords_are_metric_names_where_an_expression_starts_and_case_does_not_matter()
    {
        var selectors = ExprTree.Selectors(PromQLParser.Parse("SUM(sum) + offset OFFSET 5m / by")).Select(s => s.Name);

        Assert.Equal(["sum", "offset", "by"], selectors);
    }

    [Fact]
    public void Comments_run_to_the_end_of_the_line_also_inside_braces()
    {
        var selectors = ExprTree.Selectors(PromQLParser.Parse("sum(x{a=\"b\" # why\n}) # total\n / y"));

        Assert.Equal(["x", "y"], selectors.Select(s => s.Name));
    }

    [Theory]
    [InlineData("""sum(rate(x{a="b",,}[1m]))""", "unexpected ',' at offset 17: expected a label matcher such as app=\"api\"")]
    [InlineData("sum(rate(x[5m])", "unexpected end of input at offset 15: expected ',' or ')'")]
    [InlineData("""x{a="b"}[5m""", "unexpected end of input inside brackets at offset 11")]
    [InlineData("""x{a="b}""", "unterminated quoted string at offset 4")]
    [InlineData("rate(x[5 m])", "unexpected identifier \"m\" at offset 9: expected ':' or ']'")]
    [InlineData("x offset", "unexpected end of input at offset 8: expected a duration such as 5m or a number of seconds (duration expressions are not supported)")]
    [InlineData("sum(x) offset 5m", "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery at offset 7")]
    public void Errors_say_what_was_found_where_and_what_was_expected(string query, string message)
    {
        var error = Assert.Throws<PromQLException>(() => PromQLParser.Parse(query));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Nesting_as_deep_as_real_queries_go_is_parsed()
    {
        var query = new string('(', 150) + "up" + new string(')', 150) + string.Concat(Enumerable.Repeat(" ^ -up", 40));

        Assert.Single(ExprTree.Selectors(PromQLParser.Parse(query)).Take(1));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("sum(", ")")]
    [InlineData("x ^ ", "")]
    public void Hostile_nesting_is_refused_without_exhausting_the_stack(string open, string close)
    {
        var query = string.Concat(Enumerable.Repeat(open, 100_000)) + "up" + string.Concat(Enumerable.Repeat(close, 100_000));

        var error = Assert.Throws<PromQLException>(() => PromQLParser.Parse(query));

        Assert.StartsWith("the query nests deeper than 200 levels", error.Message, StringComparison.Ordinal);
    }

    private static string Shape(Expr expr) => expr switch
    {
        BinaryExpr b => $"({Shape(b.Left)} {b.Operator} {Shape(b.Right)})",
        UnaryExpr u => $"({u.Operator}{Shape(u.Operand)})",
        ParenExpr p => Shape(p.Inner),
        VectorSelector v => v.Name!,
        AggregateExpr a => $"{a.Operator}({string.Join(", ", a.Args.Select(Shape))})",
        NumberLiteral n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => expr.GetType().Name,
    };
}
