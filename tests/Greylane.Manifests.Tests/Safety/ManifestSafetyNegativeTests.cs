using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

public sealed class ManifestSafetyNegativeTests
{
    [Fact]
    public void The_rendered_stream_written_back_unchanged_reports_nothing() =>
        Assert.Empty(ManifestSafety.Check(new RenderedManifests(RenderedManifests.Parse(Rendered.Base).Objects).ToYaml()));

    [Fact]
    public void A_wildcard_verb_is_reported() =>
        AssertReported("wildcard in verbs", m => ClusterRules(m).Add(Rule("apps", "deployments", "*")));

    [Fact]
    public void A_wildcard_resource_is_reported() =>
        AssertReported("wildcard in resources", m => ClusterRules(m).Add(Rule("apps", "*", "get")));

    [Fact]
    public void A_secrets_rule_is_reported() =>
        AssertReported("grants secrets", m => ClusterRules(m).Add(Rule("", "secrets", "get")));

    [Fact]
    public void A_verb_beyond_the_allow_list_is_reported() =>
        AssertReported("verbs delete on deployments.apps go beyond the allow-list", m => ClusterRules(m).Add(Rule("apps", "deployments", "delete")));

    [Fact]
    public void A_resource_outside_the_allow_list_is_reported() =>
        AssertReported("pods/exec is not allowed cluster-wide", m => ClusterRules(m).Add(Rule("", "pods/exec", "create")));

    [Fact]
    public void Cluster_wide_leases_are_reported() =>
        AssertReported("leases.coordination.k8s.io is not allowed cluster-wide", m => ClusterRules(m).Add(Rule("coordination.k8s.io", "leases", "get")));

    [Fact]
    public void A_role_in_another_namespace_is_reported() =>
        AssertReported("Greylane holds Roles only in its own namespace", m => m.Single("Role", "greylane-leader-election")["metadata"]!["namespace"] = "default");

    [Fact]
    public void A_binding_to_a_foreign_cluster_role_is_reported() =>
        AssertReported("binds ClusterRole cluster-admin", m => m.Single("ClusterRoleBinding", "greylane")["roleRef"]!["name"] = "cluster-admin");

    [Fact]
    public void A_missing_run_as_non_root_is_reported() =>
        AssertReported("runAsNonRoot must be true", m =>
        {
            Pod(m)["securityContext"]!.AsObject().Remove("runAsNonRoot");
            Container(m)["securityContext"]!.AsObject().Remove("runAsNonRoot");
        });

    [Fact]
    public void A_writable_root_filesystem_is_reported() =>
        AssertReported("readOnlyRootFilesystem must be true", m => Container(m)["securityContext"]!["readOnlyRootFilesystem"] = false);

    [Fact]
    public void Kept_capabilities_are_reported() =>
        AssertReported("capabilities.drop must be [ALL]", m => Container(m)["securityContext"]!.AsObject().Remove("capabilities"));

    [Fact]
    public void A_single_replica_is_reported() =>
        AssertReported("replicas must be at least 2", m => m.Single("Deployment", "greylane")["spec"]!["replicas"] = 1);

    [Fact]
    public void A_liveness_probe_over_plain_http_is_reported() =>
        AssertReported("livenessProbe must GET /healthz over HTTPS", m => Container(m)["livenessProbe"]!["httpGet"]!["scheme"] = "HTTP");

    [Fact]
    public void A_missing_disruption_budget_is_reported() =>
        AssertReported("no PodDisruptionBudget selects Greylane's pods", m => m.Objects.Remove(m.Single("PodDisruptionBudget", "greylane")));

    [Fact]
    public void Failing_open_is_reported() =>
        AssertReported("failurePolicy must be Fail", m => Webhook(m)["failurePolicy"] = "Ignore");

    [Fact]
    public void A_webhook_without_match_conditions_is_reported() =>
        AssertReported("matchConditions must limit it", m => Webhook(m).Remove("matchConditions"));

    [Fact]
    public void A_webhook_that_reviews_Greylane_s_own_writes_is_reported() =>
        AssertReported("must leave out Greylane's own ServiceAccount", m => Conditions(m).RemoveAt(Conditions(m).Count - 1));

    [Fact]
    public void A_webhook_that_leaves_out_another_user_is_reported() =>
        AssertReported("must leave out Greylane's own ServiceAccount and no other user", m => Conditions(m)[^1]!["expression"] = "request.userInfo.username != 'system:serviceaccount:team-a:deployer'");

    [Fact]
    public void A_webhook_that_leaves_out_a_second_user_is_reported() =>
        AssertReported("and no other user", m => Conditions(m).Add(new JsonObject
        {
            ["name"] = "not-ci",
            ["expression"] = "request.userInfo.username != 'system:serviceaccount:ci:deployer'",
        }));

    [Fact]
    public void A_webhook_that_reaches_kube_system_is_reported() =>
        AssertReported("namespaceSelector must exclude kube-system", m => Webhook(m).Remove("namespaceSelector"));

    private static void AssertReported(string expected, Action<Editable> change)
    {
        var manifests = new Editable(RenderedManifests.Parse(Rendered.Base).Objects);
        change(manifests);

        var problems = ManifestSafety.Check(new RenderedManifests(manifests.Objects).ToYaml());

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static JsonArray ClusterRules(Editable m) => m.Single("ClusterRole", "greylane")["rules"]!.AsArray();

    private static JsonObject Pod(Editable m) => m.Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!.AsObject();

    private static JsonObject Container(Editable m) => Pod(m)["containers"]![0]!.AsObject();

    private static JsonArray Conditions(Editable m) => Webhook(m)["matchConditions"]!.AsArray();

    private static JsonObject Webhook(Editable m) => m.Single("MutatingWebhookConfiguration", "greylane")["webhooks"]![0]!.AsObject();

    private static JsonObject Rule(string group, string resource, string verb) =>
        new() { ["apiGroups"] = new JsonArray(group), ["resources"] = new JsonArray(resource), ["verbs"] = new JsonArray(verb) };

    /// <summary>A rendered stream open to changes.</summary>
    private sealed class Editable(IEnumerable<JsonObject> objects)
    {
        public List<JsonObject> Objects { get; } = [.. objects];

        public JsonObject Single(string kind, string name) => new RenderedManifests(Objects).Single(kind, name);
    }
}
