using System.Text.Json;
using Greylane.Core.Admission;
using Greylane.Core.Release;

namespace Greylane.Core.Admission.Tests;

public sealed class AdmissionDeciderTests
{
    private const string Template = """{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"a:IMAGE"}]}}""";

    [Fact]
    public void Delete_is_allowed_without_a_look()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Delete, Parse("{}"), null));

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public void Opted_in_object_that_cannot_be_read_is_denied_with_the_missing_field()
    {
        var broken = Parse("""{"metadata":{"name":"a","annotations":{"greylane.dev/enabled":"true"}},"spec":{}}""");

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, broken));

        Assert.False(decision.Allowed);
        Assert.Equal(400, decision.Code);
        Assert.Contains("spec.template is missing", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_that_cannot_be_read_and_is_not_opted_in_is_none_of_greylanes_business()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Parse("""{"metadata":{"name":"a"}}""")));

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Update_of_an_opted_in_deployment_without_the_old_object_is_denied()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, null, Deployment("2", Enabled)));

        Assert.False(decision.Allowed);
        Assert.Contains("oldObject is missing", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_patch_creates_the_labels_map_when_the_deployment_has_none()
    {
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, Deployment("1", Enabled), Deployment("2", Enabled)));

        Assert.Equal(
            ["add /metadata/labels", "add /metadata/labels/greylane.dev~1managed", "add /spec/paused", "add /metadata/annotations/greylane.dev~1release", "add /metadata/annotations/greylane.dev~1stable"],
            decision.Patch.Select(p => $"{p.Op} {p.Path}"));
    }

    [Fact]
    public void Removing_a_greylane_annotation_is_guarded_by_a_test_of_its_value()
    {
        var releasing = $$"""{{Enabled}},"greylane.dev/release":"{{Hash("2")}}","greylane.dev/stable":"{{Hash("1")}}" """;
        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, Deployment("2", releasing, paused: true), Deployment("1", releasing, paused: true)));

        var test = decision.Patch.Single(p => p.Op == "test");
        Assert.Equal("/metadata/annotations/greylane.dev~1release", test.Path);
        Assert.Equal(Hash("2"), (string?)test.Value);
    }

    [Fact]
    public void During_promotion_a_write_without_paused_is_not_paused_again()
    {
        var promoting = $$"""{{Enabled}},"greylane.dev/release":"{{Hash("2")}}","greylane.dev/stable":"{{Hash("1")}}","greylane.dev/status":"{\"phase\":\"Promoting\"}" """;

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, Deployment("2", promoting), Deployment("2", promoting, replicas: 9)));

        Assert.DoesNotContain(decision.Patch, p => p.Path == "/spec/paused");
    }

    [Fact]
    public void The_controller_s_cleanup_of_a_rolled_back_release_back_on_its_stable_template_is_let_through()
    {
        var rolledBack = $$"""{{Enabled}},"greylane.dev/status":"{\"phase\":\"RolledBack\",\"release\":\"{{Hash("2")}}\"}" """;
        var stored = Deployment("1", $$"""{{rolledBack}},"greylane.dev/release":"{{Hash("2")}}","greylane.dev/stable":"{{Hash("1")}}" """, paused: true);

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, stored, Deployment("1", rolledBack)));

        // (The helper's Deployment has no labels, so the managed label is added as for any opted-in write.)
        Assert.True(decision.Allowed);
        Assert.DoesNotContain(decision.Patch, p => p.Path.StartsWith("/spec", StringComparison.Ordinal) || p.Path.StartsWith("/metadata/annotations", StringComparison.Ordinal));
    }

    [Fact]
    public void Clearing_a_rolled_back_release_whose_template_is_still_the_new_one_keeps_it_held()
    {
        var rolledBack = $$"""{{Enabled}},"greylane.dev/status":"{\"phase\":\"RolledBack\",\"release\":\"{{Hash("2")}}\"}" """;
        var stored = Deployment("2", $$"""{{rolledBack}},"greylane.dev/release":"{{Hash("2")}}","greylane.dev/stable":"{{Hash("1")}}" """, paused: true);

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, stored, Deployment("2", rolledBack)));

        Assert.Contains(decision.Patch, p => p.Path == "/metadata/annotations/greylane.dev~1release" && (string?)p.Value == Hash("2"));
        Assert.Contains(decision.Patch, p => p.Path == "/spec/paused" && (bool?)p.Value == true);
    }

    [Fact]
    public void A_release_whose_step_sends_all_traffic_to_one_pod_of_five_is_held_with_a_warning()
    {
        var strategy = Enabled + ",\"greylane.dev/strategy\":\"steps: [{replicas: 1, weight: 100, pause: manual}]\"";

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Update, Deployment("1", strategy, replicas: 4), Deployment("2", strategy, replicas: 4)));

        Assert.Contains("greylane: step 1 of n/a sends 100% of traffic to 1 of 5 pods: stable pods idle", decision.Warnings);
    }

    [Fact]
    public void Applying_a_strategy_whose_weights_outrun_the_canary_warns_once_per_such_step()
    {
        var strategy = Enabled + ",\"greylane.dev/strategy\":\"steps: [{replicas: 1, weight: 20}, {replicas: 1, weight: 50}, {replicas: 50%, weight: 30}]\"";

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment("1", strategy, replicas: 4)));

        Assert.True(decision.Allowed);
        Assert.Equal(["greylane: step 2 of n/a sends 50% of traffic to 1 of 5 pods: 4x a stable pod's load each"], decision.Warnings);
    }

    [Fact]
    public void A_canary_with_its_share_of_the_pods_gets_no_traffic_warning()
    {
        var strategy = Enabled + ",\"greylane.dev/strategy\":\"steps: [{replicas: 1, weight: 20}, {replicas: 100%, weight: 50}]\"";

        var decision = AdmissionDecider.Decide(new AdmissionInput(AdmissionOperation.Create, null, Deployment("1", strategy, replicas: 4)));

        Assert.Empty(decision.Warnings);
    }

    private const string Enabled = "\"greylane.dev/enabled\":\"true\"";

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Deployment(string image, string annotations, bool paused = false, int replicas = 2)
    {
        var template = Template.Replace("IMAGE", image, StringComparison.Ordinal);
        var pausedText = paused ? "true" : "false";
        return Parse("{\"metadata\":{\"name\":\"a\",\"namespace\":\"n\",\"annotations\":{" + annotations + "}},"
            + $"\"spec\":{{\"replicas\":{replicas},\"paused\":{pausedText},\"template\":{template}}}}}");
    }

    private static string Hash(string image)
    {
        using var document = JsonDocument.Parse(Template.Replace("IMAGE", image, StringComparison.Ordinal));
        return TemplateHash.Compute(document.RootElement);
    }
}
