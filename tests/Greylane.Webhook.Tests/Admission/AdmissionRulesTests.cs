using Greylane.Core;
using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Admission.Tests;

public sealed class AdmissionRulesTests
{
    private static string V1 => Fixture.Hash("v1");

    private static string V2 => Fixture.Hash("v2");

    private static string V3 => Fixture.Hash("v3");

    [Fact]
    public void Deployment_that_is_not_opted_in_is_allowed_unchanged()
    {
        var answer = Handler.Answer("not-opted-in");

        Assert.True(answer.Allowed);
        Assert.False(answer.HasPatch);
        Assert.Empty(answer.Warnings);
        Assert.Null(answer.Response["patchType"]);
    }

    [Fact]
    public void Leftover_managed_label_is_removed_from_a_deployment_no_longer_opted_in()
    {
        var answer = Handler.Answer("leftover-managed-label");

        Assert.True(answer.Allowed);
        Expect.From(answer).Label(GreylaneKeys.Managed, null).Matches(answer);
    }

    [Fact]
    public void Create_of_an_opted_in_deployment_is_labelled_without_a_release()
    {
        var answer = Handler.Answer("create");

        Assert.True(answer.Allowed);
        Assert.Contains("\"path\":\"/metadata/labels\"", answer.PatchText, StringComparison.Ordinal);
        Expect.From(answer).Label(GreylaneKeys.Managed, "true").Matches(answer);
    }

    [Fact]
    public void Template_change_on_opted_in_deployment_holds_a_release()
    {
        var answer = Handler.Answer("release");

        Assert.True(answer.Allowed);
        Expect.From(answer).Release(V2, V1).Matches(answer);
        Assert.Equal([$"greylane: release {V2} of e2e/mocka-base held for canary (3 steps)"], answer.Warnings);
        Assert.Contains("greylane.dev~1release", answer.PatchText, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_of_a_deployment_without_the_managed_label_adds_it()
    {
        var answer = Handler.Answer("release-without-managed-label");

        Expect.From(answer).Release(V2, V1).Label(GreylaneKeys.Managed, "true").Matches(answer);
    }

    [Fact]
    public void Release_without_a_strategy_uses_the_one_step_default()
    {
        var answer = Handler.Answer("release-default-strategy");

        Expect.From(answer).Release(V2, V1).Matches(answer);
        Assert.Equal([$"greylane: release {V2} of e2e/mocka-base held for canary (1 step)"], answer.Warnings);
    }

    [Fact]
    public void Second_template_change_mid_release_supersedes_it_and_keeps_the_first_stable()
    {
        var answer = Handler.Answer("second-change-mid-release");

        Expect.From(answer).Release(V3, V1).Matches(answer);
        Assert.Equal([$"greylane: release {V3} of e2e/mocka-base supersedes {V2}, held for canary (3 steps)"], answer.Warnings);
    }

    [Theory]
    [InlineData("scale-only")]
    [InlineData("labels-only")]
    [InlineData("status-only")]
    [InlineData("scale-mid-release")]
    public void Change_that_leaves_the_template_alone_passes_untouched(string fixture)
    {
        var answer = Handler.Answer(fixture);

        Assert.True(answer.Allowed);
        Assert.False(answer.HasPatch, answer.PatchText);
        Assert.Empty(answer.Warnings);
    }

    [Fact]
    public void Person_unpausing_mid_release_is_paused_again_and_told_how_to_promote()
    {
        var answer = Handler.Answer("unpause-mid-release");

        Expect.From(answer).Paused(true).Matches(answer);
        Assert.Equal(
            [
                $"greylane: e2e/mocka-base stays paused: release {V2} is in progress",
                "greylane: to finish it: kubectl -n e2e annotate deploy/mocka-base greylane.dev/command=promote",
            ],
            answer.Warnings);
    }

    [Fact]
    public void Controller_unpausing_with_phase_promoting_is_let_through()
    {
        var answer = Handler.Answer("controller-promotes");

        Assert.True(answer.Allowed);
        Assert.False(answer.HasPatch, answer.PatchText);
    }

    [Fact]
    public void Controller_completing_the_release_clears_it_without_interference()
    {
        var answer = Handler.Answer("controller-completes");

        Assert.False(answer.HasPatch, answer.PatchText);
    }

    [Fact]
    public void Template_reverted_to_stable_mid_release_is_a_rollback()
    {
        var answer = Handler.Answer("revert-to-stable");

        Expect.From(answer).Paused(false).Annotation(GreylaneKeys.Release, null).Matches(answer);
        Assert.Equal([$"greylane: e2e/mocka-base is back on stable {V1}; release {V2} is rolled back"], answer.Warnings);
    }

    [Fact]
    public void Opt_out_mid_release_unpauses_and_keeps_the_label_for_cleanup()
    {
        var answer = Handler.Answer("opt-out-mid-release");

        Expect.From(answer).Paused(false).Annotation(GreylaneKeys.Release, null).Matches(answer);
        Assert.Equal("true", (string?)answer.Patched["metadata"]!["labels"]![GreylaneKeys.Managed]);
        Assert.Equal([$"greylane: e2e/mocka-base opted out mid-release {V2}: unpaused; canary cleanup follows"], answer.Warnings);
    }

    [Fact]
    public void Replace_that_drops_greylane_annotations_mid_release_gets_them_back_and_stays_paused()
    {
        var answer = Handler.Answer("replace-drops-release-annotations");
        var stored = (string)answer.Request["request"]!["oldObject"]!["metadata"]!["annotations"]![GreylaneKeys.Status]!;

        Expect.From(answer).Release(V2, V1).Annotation(GreylaneKeys.Status, stored).Matches(answer);
        Assert.Contains(answer.Warnings, w => w.Contains("command=promote", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_after_a_rollback_stays_paused_on_the_rejected_template()
    {
        var answer = Handler.Answer("resume-after-rollback");

        Expect.From(answer).Paused(true).Matches(answer);
        Assert.Equal(
            [
                $"greylane: e2e/mocka-base stays paused: release {V2} was rolled back",
                $"greylane: ship a new template, or revert to the stable one ({V1}) to unpause",
            ],
            answer.Warnings);
    }

    [Fact]
    public void Stable_template_after_a_rollback_unpauses_at_once()
    {
        var answer = Handler.Answer("stable-after-rollback");

        Expect.From(answer).Paused(false).Annotation(GreylaneKeys.Release, null).Matches(answer);
    }

    [Fact]
    public void New_template_after_a_rollback_is_a_new_release_over_the_same_stable()
    {
        var answer = Handler.Answer("new-release-after-rollback");

        Expect.From(answer).Release(V3, V1).Matches(answer);
        Assert.Contains($"supersedes {V2}", answer.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_before_the_controller_saw_the_release_is_paused_again_despite_a_stale_completed_status()
    {
        var answer = Handler.Answer("resume-with-stale-status");

        Expect.From(answer).Paused(true).Matches(answer);
    }

    [Fact]
    public void Template_change_with_zero_replicas_rolls_out_without_a_canary()
    {
        var answer = Handler.Answer("replicas-zero");

        Assert.True(answer.Allowed);
        Assert.False(answer.HasPatch, answer.PatchText);
        Assert.Equal(["greylane: e2e/mocka-base has no running pods to protect; new template rolls out without a canary"], answer.Warnings);
    }

    [Fact]
    public void Dry_run_gets_the_same_answer_as_the_real_request()
    {
        var real = Handler.Answer("release");
        var dryRun = Handler.Answer("release-dry-run");

        Assert.Equal(real.PatchText, dryRun.PatchText);
        Assert.Equal(real.Warnings, dryRun.Warnings);
        Assert.Equal(real.Allowed, dryRun.Allowed);
    }

    public static TheoryData<string> AllFixtures => [.. Fixture.Names];

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Own_patched_output_sent_again_yields_no_patch(string fixture)
    {
        var first = Handler.Answer(fixture);
        var again = Handler.Reinvoke(first);

        Assert.Equal(first.Allowed, again.Allowed);
        Assert.False(again.HasPatch, $"reinvocation patched again: {again.PatchText}");
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_answer_echoes_the_uid_and_keeps_warnings_within_120_characters(string fixture)
    {
        var answer = Handler.Answer(fixture);

        Assert.Equal((string)answer.Request["request"]!["uid"]!, answer.Uid);
        Assert.Equal("admission.k8s.io/v1", (string?)answer.Review["apiVersion"]);
        Assert.All(answer.Warnings, w => Assert.InRange(w.Length, 1, 120));
    }
}
