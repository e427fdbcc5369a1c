using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Core.Serialization;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Repository;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>The chain against a real HTTPS webhook on loopback, checked against kube-apiserver's mutating dispatcher.</summary>
public sealed class WebhookAdmissionChainTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    private readonly ListLogger _logger = new();

    private static JsonObject Deployment(string labels = "{}", string annotations = "{}") => AdmissionFixtures.Deployment(labels, annotations);

    private static AdmissionAttributes Create(JsonObject obj, bool dryRun = false) => AdmissionFixtures.Create(obj, dryRun);

    private WebhookAdmissionChain Chain(params JsonObject[] configurations) => AdmissionFixtures.Chain(_logger, configurations);

    [Fact]
    public async Task A_json_patch_from_the_webhook_is_applied_and_the_review_carries_the_request()
    {
        var url = server.Serve("patch", r => Reviews.Allow(r, """[{"op":"add","path":"/spec/paused","value":true}]"""));
        var chain = Chain(Reviews.Configuration("greylane", Reviews.Webhook("greylane.dev", url, server.CaBundle)));
        var old = Deployment();

        var outcome = await chain.AdmitAsync(Create(Deployment()) with { Operation = "UPDATE", OldObject = old }, CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.True((bool)outcome.Object!["spec"]!["paused"]!);
        var (review, query) = Assert.Single(server.Received("patch"));
        var request = review["request"]!;
        Assert.Equal("?timeout=10s", query);
        Assert.Equal("admission.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("""{"group":"apps","version":"v1","kind":"Deployment"}""", request["kind"]!.ToJsonString());
        Assert.Equal("""{"group":"apps","version":"v1","resource":"deployments"}""", request["resource"]!.ToJsonString());
        Assert.Equal(request["kind"]!.ToJsonString(), request["requestKind"]!.ToJsonString());
        Assert.Equal(("shop", "prod", "UPDATE"), ((string?)request["name"], (string?)request["namespace"], (string?)request["operation"]));
        Assert.Equal("kubernetes-admin", (string?)request["userInfo"]!["username"]);
        Assert.Equal("shop:1", (string?)request["object"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("shop", (string?)request["oldObject"]!["metadata"]!["name"]);
        Assert.False((bool)request["dryRun"]!);
        Assert.Equal("UpdateOptions", (string?)request["options"]!["kind"]);
        Assert.True(Guid.TryParse((string?)request["uid"], out _));
    }

    [Fact]
    public async Task Warnings_from_every_webhook_are_returned()
    {
        var first = server.Serve("warn-1", r => Reviews.Allow(r, null, "first warning"));
        var second = server.Serve("warn-2", r => Reviews.Allow(r, null, "second warning", "third"));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("w1", first, server.CaBundle), Reviews.Webhook("w2", second, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.Equal(["first warning", "second warning", "third"], outcome.Warnings);
    }

    [Fact]
    public async Task A_denial_carries_the_webhooks_code_and_message_in_the_real_wording()
    {
        var url = server.Serve("deny", r => Reviews.Deny(r, new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "canary in progress" }));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Equal(403, outcome.Code);
        Assert.Equal("Forbidden", outcome.Reason);
        Assert.Equal("admission webhook \"greylane.dev\" denied the request: canary in progress", outcome.Message);
    }

    [Fact]
    public async Task A_denial_without_status_is_400_without_explanation()
    {
        var url = server.Serve("deny-bare", r => Reviews.Deny(r, null));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Equal(400, outcome.Code);
        Assert.Equal("admission webhook \"greylane.dev\" denied the request without explanation", outcome.Message);
    }

    [Fact]
    public async Task Without_matching_webhooks_the_object_passes_unchanged()
    {
        var url = server.Serve("unmatched", r => Reviews.Allow(r));
        var hook = Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"rules":[{"operations":["*"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}""");
        var deployment = Deployment();

        var outcome = await Chain(Reviews.Configuration("a", hook)).AdmitAsync(Create(deployment), CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.Same(deployment, outcome.Object);
        Assert.Empty(outcome.Warnings);
        Assert.Empty(server.Received("unmatched"));
    }

    [Fact]
    public async Task A_namespace_selector_on_a_missing_namespace_is_404()
    {
        var url = server.Serve("no-namespace", r => Reviews.Allow(r));
        var hook = Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"namespaceSelector":{"matchLabels":{"greylane":"on"}}}""");

        var outcome = await Chain(Reviews.Configuration("a", hook)).AdmitAsync(Create(Deployment()) with { Namespace = "ghost" }, CancellationToken.None);

        Assert.Equal(404, outcome.Code);
        Assert.Equal("namespaces \"ghost\" not found", outcome.Message);
    }

    [Fact]
    public async Task Selectors_and_match_conditions_decide_which_webhooks_are_called()
    {
        var called = server.Serve("filtered", r => Reviews.Allow(r));
        var chain = Chain(Reviews.Configuration("a",
            Reviews.Webhook("ns-miss", called, server.CaBundle, """{"namespaceSelector":{"matchLabels":{"greylane":"on"}}}"""),
            Reviews.Webhook("ns-name", called, server.CaBundle, """{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"prod"}}}"""),
            Reviews.Webhook("obj-miss", called, server.CaBundle, """{"objectSelector":{"matchExpressions":[{"key":"tier","operator":"Exists"}]}}"""),
            Reviews.Webhook("cond-hit", called, server.CaBundle,
                """{"matchConditions":[{"name":"opted-in","expression":"has(object.metadata.annotations) && object.metadata.annotations['greylane.dev/enabled'] == 'true'"}]}"""),
            Reviews.Webhook("cond-request", called, server.CaBundle,
                """{"matchConditions":[{"name":"main","expression":"request.subResource == '' && oldObject == null"}]}"""),
            Reviews.Webhook("cond-miss", called, server.CaBundle,
                """{"matchConditions":[{"name":"c","expression":"!('greylane.dev/enabled' in object.metadata.annotations)"}]}"""),
            Reviews.Webhook("rule-miss", called, server.CaBundle, """{"rules":[{"operations":["DELETE"],"apiGroups":["apps"],"apiVersions":["v1"],"resources":["deployments"]}]}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment(annotations: """{"greylane.dev/enabled":"true"}""")), CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.Equal(3, server.Received("filtered").Count);
    }

    [Fact]
    public async Task The_shipped_match_conditions_review_everyone_s_writes_but_Greylane_s_own()
    {
        var url = server.Serve("shipped-conditions", r => Reviews.Allow(r));
        var shipped = (JsonObject)YamlJson.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "base", "mutatingwebhookconfiguration.yaml")))!;
        var hook = Reviews.Webhook("greylane.dev", url, server.CaBundle);
        hook["matchConditions"] = shipped["webhooks"]![0]!["matchConditions"]!.DeepClone();
        var chain = Chain(Reviews.Configuration("greylane", hook));
        var optedIn = Deployment(annotations: """{"greylane.dev/enabled":"true"}""");

        foreach (var user in new[] { SandboxUsers.Admin, "system:serviceaccount:team-a:deployer", SandboxUsers.Greylane, "system:serviceaccount:greylane-system:other" })
        {
            var outcome = await chain.AdmitAsync(Create(optedIn) with { Operation = "UPDATE", OldObject = optedIn, UserName = user }, CancellationToken.None);
            Assert.True(outcome.Allowed);
        }

        Assert.Equal(
            [SandboxUsers.Admin, "system:serviceaccount:team-a:deployer", "system:serviceaccount:greylane-system:other"],
            server.Received("shipped-conditions").Select(r => (string?)r.Review["request"]!["userInfo"]!["username"]));
        Assert.Empty(_logger.Messages);
    }

    [Fact]
    public async Task An_unsupported_match_condition_is_logged_once_and_counts_as_true()
    {
        var url = server.Serve("cel", r => Reviews.Allow(r));
        var hook = Reviews.Webhook("greylane.dev", url, server.CaBundle,
            """{"matchConditions":[{"name":"c","expression":"object.metadata.name.startsWith('sh')"}]}""");
        var chain = Chain(Reviews.Configuration("a", hook));

        await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);
        await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Equal(2, server.Received("cel").Count);
        Assert.Single(_logger.Messages, m => m.Contains("startsWith", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_match_condition_error_is_forbidden_under_fail_and_skips_the_webhook_under_ignore()
    {
        var url = server.Serve("cel-error", r => Reviews.Allow(r));
        var expression = """{"matchConditions":[{"name":"c","expression":"object.metadata.annotations['greylane.dev/enabled'] == 'true'"}]}""";
        var failing = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle, expression)));
        var ignoring = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle,
            expression[..^1] + ""","failurePolicy":"Ignore"}""")));
        var noAnnotations = JsonNode.Parse("""{"metadata":{"name":"shop","namespace":"prod"}}""")!.AsObject();

        var failed = await failing.AdmitAsync(Create(noAnnotations), CancellationToken.None);
        var ignored = await ignoring.AdmitAsync(Create(noAnnotations), CancellationToken.None);

        Assert.False(failed.Allowed);
        Assert.Equal(403, failed.Code);
        Assert.Equal(
            "deployments.apps \"shop\" is forbidden: expression 'object.metadata.annotations['greylane.dev/enabled'] == 'true'' resulted in error: no such key: annotations",
            failed.Message);
        Assert.True(ignored.Allowed);
        Assert.Empty(server.Received("cel-error"));
    }

    [Fact]
    public async Task An_if_needed_webhook_is_called_again_once_after_a_later_webhook_changes_the_object()
    {
        var first = server.Serve("reinvoke-first", r => Reviews.Allow(r));
        var second = server.Serve("reinvoke-second", r => r["object"]!["metadata"]!["labels"]!["canary"] is null
            ? Reviews.Allow(r, """[{"op":"add","path":"/metadata/labels/canary","value":"yes"}]""")
            : Reviews.Allow(r));
        var chain = Chain(
            Reviews.Configuration("1-first", Reviews.Webhook("first", first, server.CaBundle, """{"reinvocationPolicy":"IfNeeded"}""")),
            Reviews.Configuration("2-second", Reviews.Webhook("second", second, server.CaBundle, """{"reinvocationPolicy":"IfNeeded"}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Equal("yes", (string?)outcome.Object!["metadata"]!["labels"]!["canary"]);
        Assert.Equal(2, server.Received("reinvoke-first").Count);
        Assert.Equal("yes", (string?)server.Received("reinvoke-first")[1].Review["request"]!["object"]!["metadata"]!["labels"]!["canary"]);
        Assert.Single(server.Received("reinvoke-second"));
    }

    [Fact]
    public async Task A_never_webhook_is_not_called_again()
    {
        var first = server.Serve("never-first", r => Reviews.Allow(r));
        var second = server.Serve("never-second", r => Reviews.Allow(r, """[{"op":"add","path":"/metadata/labels/x","value":"y"}]"""));
        var chain = Chain(Reviews.Configuration("a",
            Reviews.Webhook("first", first, server.CaBundle), Reviews.Webhook("second", second, server.CaBundle)));

        await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Single(server.Received("never-first"));
    }

    [Fact]
    public async Task Configurations_are_called_in_name_order()
    {
        var order = new List<string>();
        var url = server.Serve("order", r =>
        {
            lock (order)
                order.Add((string?)r["object"]!["metadata"]!["labels"]!["seen"] ?? "none");
            return Reviews.Allow(r, $$"""[{"op":"add","path":"/metadata/labels/seen","value":"{{order.Count}}"}]""");
        });
        var chain = Chain(
            Reviews.Configuration("zeta", Reviews.Webhook("z", url, server.CaBundle)),
            Reviews.Configuration("alpha", Reviews.Webhook("a", url, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Equal(["none", "1"], order);
        Assert.Equal("2", (string?)outcome.Object!["metadata"]!["labels"]!["seen"]);
    }

    [Fact]
    public async Task A_delete_review_carries_the_old_object_only()
    {
        var url = server.Serve("delete", r => Reviews.Allow(r));
        var hook = Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"rules":[{"operations":["DELETE"],"apiGroups":["apps"],"apiVersions":["v1"],"resources":["deployments"]}]}""");
        var attributes = Create(Deployment()) with { Operation = "DELETE", Object = null, OldObject = Deployment() };

        var outcome = await Chain(Reviews.Configuration("a", hook)).AdmitAsync(attributes, CancellationToken.None);

        Assert.True(outcome.Allowed);
        var request = Assert.Single(server.Received("delete")).Review["request"]!.AsObject();
        Assert.False(request.ContainsKey("object"));
        Assert.Equal("shop", (string?)request["oldObject"]!["metadata"]!["name"]);
        Assert.Equal("DeleteOptions", (string?)request["options"]!["kind"]);
    }
}
