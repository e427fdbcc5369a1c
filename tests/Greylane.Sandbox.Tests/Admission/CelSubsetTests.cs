using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>The CEL forms Greylane's matchConditions use, with CEL's error and short-circuit rules.</summary>
public sealed class CelSubsetTests
{
    private static readonly Dictionary<string, JsonNode?> Scope = new()
    {
        ["object"] = JsonNode.Parse("""{"metadata":{"name":"shop","annotations":{"greylane.dev/enabled":"true"},"labels":{"app":"shop"}}}"""),
        ["oldObject"] = JsonNode.Parse("""{"metadata":{"name":"shop","labels":{"app":"shop"}}}"""),
        ["request"] = JsonNode.Parse("""{"operation":"UPDATE","dryRun":false}"""),
    };

    private static bool Eval(string expression) => CelSubset.Compile(expression)(Scope);

    [Theory]
    [InlineData("has(object.metadata.annotations)", true)]
    [InlineData("has(oldObject.metadata.annotations)", false)]
    [InlineData("'greylane.dev/enabled' in object.metadata.annotations", true)]
    [InlineData("\"greylane.dev/enabled\" in object.metadata.labels", false)]
    [InlineData("object.metadata.annotations['greylane.dev/enabled'] == 'true'", true)]
    [InlineData("object.metadata.annotations[\"greylane.dev/enabled\"] != 'true'", false)]
    [InlineData("!has(object.metadata.annotations)", false)]
    [InlineData("has(object.metadata.annotations) && 'greylane.dev/enabled' in object.metadata.annotations", true)]
    [InlineData("has(oldObject.metadata.annotations) || object.metadata.labels.app == 'shop'", true)]
    [InlineData("(request.operation == 'CREATE' || request.operation == 'UPDATE') && !request.dryRun", true)]
    [InlineData("object.metadata.name == oldObject.metadata.name", true)]
    public void Supported_forms_evaluate_like_cel(string expression, bool expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void A_decisive_operand_wins_over_an_error_on_the_other_side()
    {
        Assert.False(Eval("oldObject.metadata.annotations['x'] == 'y' && false"));
        Assert.True(Eval("true || oldObject.metadata.annotations['x'] == 'y'"));
    }

    [Theory]
    [InlineData("oldObject.metadata.annotations['x'] == 'y'")]
    [InlineData("'k' in oldObject.metadata.annotations")]
    [InlineData("object.metadata.name")]
    public void Missing_keys_and_non_booleans_are_evaluation_errors(string expression) =>
        Assert.Throws<InvalidOperationException>(() => Eval(expression));

    [Theory]
    [InlineData("object.metadata.name.startsWith('sh')")]
    [InlineData("size(object.metadata.labels) > 0")]
    [InlineData("params.x == 1")]
    [InlineData("has(object)")]
    [InlineData("object.metadata.labels[0] == 'a'")]
    public void Other_cel_is_reported_as_unsupported(string expression) =>
        Assert.Throws<NotSupportedException>(() => CelSubset.Compile(expression));
}
