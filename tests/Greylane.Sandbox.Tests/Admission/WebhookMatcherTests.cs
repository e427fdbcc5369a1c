using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>Rule, namespace and object matching, per k8s.io/apiserver's webhook rules, namespace and object matchers.</summary>
public sealed class WebhookMatcherTests
{
    private static readonly Dictionary<string, JsonObject> Namespaces = new()
    {
        ["prod"] = JsonNode.Parse("""{"metadata":{"name":"prod","labels":{"greylane":"on"}}}""")!.AsObject(),
        ["dev"] = JsonNode.Parse("""{"metadata":{"name":"dev"}}""")!.AsObject(),
    };

    private static readonly WebhookMatcher Matcher = new(ns => Namespaces.GetValueOrDefault(ns));

    private static Webhook Hook(string spec) => new("config", 0, JsonNode.Parse(spec)!.AsObject());

    private static AdmissionAttributes Attributes(
        string operation = "CREATE", ResourceType? resource = null, string? subResource = null, string? ns = "prod", string labels = "{}", string? oldLabels = null)
    {
        var obj = JsonNode.Parse("{\"metadata\":{\"name\":\"x\",\"labels\":" + labels + "}}")!.AsObject();
        var old = oldLabels is null ? null : JsonNode.Parse("{\"metadata\":{\"name\":\"x\",\"labels\":" + oldLabels + "}}")!.AsObject();
        return new(operation, resource ?? BuiltInResources.Deployments, subResource, ns, "x", obj, old, false, "admin");
    }

    private static string Rule(string operations = "\"*\"", string groups = "\"apps\"", string resources = "\"deployments\"", string scope = "\"*\"") =>
        $$"""{"rules":[{"operations":[{{operations}}],"apiGroups":[{{groups}}],"apiVersions":["v1"],"resources":[{{resources}}],"scope":{{scope}}}]}""";

    [Theory]
    [InlineData("\"CREATE\"", "CREATE", true)]
    [InlineData("\"CREATE\"", "UPDATE", false)]
    [InlineData("\"*\"", "DELETE", true)]
    [InlineData("\"UPDATE\",\"DELETE\"", "DELETE", true)]
    public void Operations_match_exactly_or_by_wildcard(string operations, string operation, bool expected) =>
        Assert.Equal(expected, Matcher.Matches(Hook(Rule(operations: operations)), Attributes(operation)));

    [Theory]
    [InlineData("\"deployments\"", null, true)]
    [InlineData("\"deployments\"", "status", false)]
    [InlineData("\"deployments/status\"", "status", true)]
    [InlineData("\"deployments/*\"", "scale", true)]
    [InlineData("\"*\"", null, true)]
    [InlineData("\"*\"", "scale", false)]
    [InlineData("\"*/scale\"", "scale", true)]
    [InlineData("\"*/*\"", "status", true)]
    [InlineData("\"pods\"", null, false)]
    public void Resources_and_subresources_match_as_the_rules_matcher_does(string resources, string? subResource, bool expected) =>
        Assert.Equal(expected, Matcher.Matches(Hook(Rule(resources: resources)), Attributes(subResource: subResource)));

    [Theory]
    [InlineData("\"apps\"", true)]
    [InlineData("\"\"", false)]
    [InlineData("\"*\"", true)]
    public void Api_groups_match_exactly_or_by_wildcard(string groups, bool expected) =>
        Assert.Equal(expected, Matcher.Matches(Hook(Rule(groups: groups)), Attributes()));

    [Fact]
    public void Scope_separates_namespaced_from_cluster_scoped_requests_and_namespaces_count_as_cluster_scoped()
    {
        var namespaced = Hook(Rule(groups: "\"*\"", resources: "\"*\"", scope: "\"Namespaced\""));
        var cluster = Hook(Rule(groups: "\"*\"", resources: "\"*\"", scope: "\"Cluster\""));
        var deployment = Attributes();
        var ns = Attributes(resource: BuiltInResources.Namespaces, ns: null) with { Name = "prod" };

        Assert.True(Matcher.Matches(namespaced, deployment));
        Assert.False(Matcher.Matches(cluster, deployment));
        Assert.False(Matcher.Matches(namespaced, ns));
        Assert.True(Matcher.Matches(cluster, ns));
    }

    [Fact]
    public void Namespace_selector_reads_the_namespace_labels_and_its_name_label()
    {
        var byLabel = Hook(Rule() [..^1] + ""","namespaceSelector":{"matchLabels":{"greylane":"on"}}}""");
        var byName = Hook(Rule() [..^1] + ""","namespaceSelector":{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["dev"]}]}}""");

        Assert.True(Matcher.Matches(byLabel, Attributes(ns: "prod")));
        Assert.False(Matcher.Matches(byLabel, Attributes(ns: "dev")));
        Assert.True(Matcher.Matches(byName, Attributes(ns: "dev")));
        Assert.False(Matcher.Matches(byName, Attributes(ns: "prod")));
    }

    [Fact]
    public void A_namespace_being_created_is_judged_by_its_own_new_labels()
    {
        var hook = Hook(Rule(groups: "\"\"", resources: "\"namespaces\"") [..^1] + ""","namespaceSelector":{"matchLabels":{"greylane":"on"}}}""");
        var creating = Attributes(resource: BuiltInResources.Namespaces, ns: null, labels: """{"greylane":"on"}""") with { Name = "fresh" };

        Assert.True(Matcher.Matches(hook, creating));
    }

    [Fact]
    public void Cluster_scoped_resources_other_than_namespaces_ignore_the_namespace_selector()
    {
        var hook = Hook(Rule(groups: "\"*\"", resources: "\"*\"") [..^1] + ""","namespaceSelector":{"matchLabels":{"absent":"x"}}}""");

        Assert.True(Matcher.Matches(hook, Attributes(resource: BuiltInResources.MutatingWebhookConfigurations, ns: null)));
    }

    [Fact]
    public void Object_selector_matches_the_new_or_the_old_object()
    {
        var hook = Hook(Rule() [..^1] + ""","objectSelector":{"matchLabels":{"greylane.dev/managed":"true"}}}""");

        Assert.True(Matcher.Matches(hook, Attributes(labels: """{"greylane.dev/managed":"true"}""")));
        Assert.True(Matcher.Matches(hook, Attributes("UPDATE", labels: "{}", oldLabels: """{"greylane.dev/managed":"true"}""")));
        Assert.False(Matcher.Matches(hook, Attributes("UPDATE", labels: "{}", oldLabels: "{}")));
    }
}
