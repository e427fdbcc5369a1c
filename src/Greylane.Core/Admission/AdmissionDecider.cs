using System.Runtime.InteropServices;
using Greylane.Core.Analysis;
using Greylane.Core.Release;
using Greylane.Core.Rollout;

namespace Greylane.Core.Admission;

/// <summary>
/// The mutating admission decision for Deployments, from the old and new object only: it never calls the API server,
/// has no side effects (dry-run gets the same answer), and run again on its own output it patches nothing.
/// </summary>
public static class AdmissionDecider
{
    /// <summary>Decide one request.</summary>
    public static AdmissionDecision Decide(AdmissionInput input)
    {
        if (input.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return AdmissionDecision.Allow;
        }

        var optedIn = DeploymentView.IsOptedIn(input.NewObject);
        if (input.NewObject is not { } newObject)
        {
            return DeploymentView.IsOptedIn(input.OldObject) ? CannotJudge("request.object is missing") : AdmissionDecision.Allow;
        }

        var deployment = DeploymentView.Read(newObject, "request.object", null, out var problem);
        DeploymentView? stored = null;
        if (deployment is not null && input.Operation == AdmissionOperation.Update)
        {
            stored = input.OldObject is { } oldObject
                ? DeploymentView.Read(oldObject, "request.oldObject", deployment.Namespace, out problem)
                : null;
            problem ??= stored is null ? "request.oldObject is missing on an UPDATE" : null;
        }

        if (problem is not null)
        {
            // A Deployment that is not and was not opted in is none of Greylane's business.
            var wasOptedIn = input.OldObject is { } o && DeploymentView.IsOptedIn(o);
            return optedIn || wasOptedIn ? CannotJudge(problem) : AdmissionDecision.Allow;
        }

        var state = ReleaseState.Of(stored);
        var plan = new PatchPlan(deployment!);
        return optedIn
            ? DecideOptedIn(deployment!, stored, state, plan, input.Tenancy)
            : DecideNotOptedIn(deployment!, state, plan);
    }

    private static AdmissionDecision DecideNotOptedIn(DeploymentView deployment, ReleaseState state, PatchPlan plan)
    {
        if (state.Stage != ReleaseStage.None)
        {
            // Opt-out mid-release: Kubernetes takes over the rollout; the label stays so that the controller still
            // sees the Deployment and restores routing and removes the canary.
            plan.SetPaused(false);
            plan.RemoveAnnotation(GreylaneKeys.Release);
            plan.EnsureLabel(GreylaneKeys.Managed, "true");
            plan.Warn($"greylane: {deployment.FullName} opted out mid-release {state.Release}: unpaused; canary cleanup follows");
        }
        else if (RolloutStatusJson.Read(deployment.Annotation(GreylaneKeys.Status)).Phase.IsAtRest)
        {
            plan.RemoveLabel(GreylaneKeys.Managed);
        }

        return plan.ToDecision();
    }

    private static AdmissionDecision DecideOptedIn(DeploymentView deployment, DeploymentView? stored, ReleaseState state, PatchPlan plan, QueryTenancy tenancy)
    {
        plan.EnsureLabel(GreylaneKeys.Managed, "true");
        // Validated when it can have changed; an unchanged strategy that an older Greylane accepted must not block
        // the controller's own writes.
        var strategyChanged = stored is null
            || !OptIn.IsEnabled(stored.Annotation(GreylaneKeys.Enabled))
            || stored.Annotation(GreylaneKeys.Strategy) != deployment.Annotation(GreylaneKeys.Strategy)
            || stored.Annotation(GreylaneKeys.StrategyRef) != deployment.Annotation(GreylaneKeys.StrategyRef);
        StrategyCheck? check = null;
        if (strategyChanged)
        {
            check = StrategyCheck.Of(deployment, tenancy);
            if (check.Error is not null)
            {
                return AdmissionDecision.Deny(400, check.Error);
            }

            WarnTrafficShare(deployment, check, plan);
        }

        if (stored is null)
        {
            return plan.ToDecision();
        }

        if (state.Stage != ReleaseStage.None && deployment.Annotation(GreylaneKeys.Status) is null
            && stored.Annotation(GreylaneKeys.Status) is { } status)
        {
            // kubectl replace / helm without three-way merge drop annotations they do not know: the controller's
            // status is the only record of where the release stands, so it comes back from the stored object.
            plan.EnsureAnnotation(GreylaneKeys.Status, status);
        }

        // Most writes of an opted-in Deployment leave its template alone (the controller's own status writes among
        // them): the same bytes hash the same, so neither is hashed, and no branch below reads a hash then.
        var sameTemplate = JsonMarshal.GetRawUtf8Value(stored.Template).SequenceEqual(JsonMarshal.GetRawUtf8Value(deployment.Template));
        var storedHash = sameTemplate ? "" : TemplateHash.Compute(stored.Template);
        var newHash = sameTemplate ? storedHash : TemplateHash.Compute(deployment.Template);
        var started = state.Stage switch
        {
            ReleaseStage.None => DecideWithoutRelease(deployment, stored, storedHash, newHash, plan),
            _ => DecideDuringRelease(deployment, state, storedHash, newHash, plan),
        };
        if (started is { } release)
        {
            check ??= StrategyCheck.Of(deployment, tenancy);
            if (check.Error is not null)
            {
                return AdmissionDecision.Deny(400, check.Error);
            }

            plan.Warn(release.Superseded is { } previous
                ? $"greylane: release {release.Hash} of {deployment.FullName} supersedes {previous}, held for canary ({check.Plan})"
                : $"greylane: release {release.Hash} of {deployment.FullName} held for canary ({check.Plan})");
            if (!strategyChanged)
            {
                WarnTrafficShare(deployment, check, plan);
            }
        }

        return plan.ToDecision();
    }

    private static void WarnTrafficShare(DeploymentView deployment, StrategyCheck check, PatchPlan plan)
    {
        if (check.Strategy is { } strategy)
        {
            foreach (var warning in TrafficShare.Warnings(strategy, deployment.Replicas, deployment.FullName))
            {
                plan.Warn(warning);
            }
        }
    }

    private static StartedRelease? DecideWithoutRelease(DeploymentView deployment, DeploymentView stored, string storedHash, string newHash, PatchPlan plan)
    {
        if (storedHash == newHash)
        {
            return null;
        }

        if (deployment.Replicas <= 0 || stored.Replicas <= 0)
        {
            plan.Warn($"greylane: {deployment.FullName} has no running pods to protect; new template rolls out without a canary");
            return null;
        }

        HoldRelease(plan, newHash, storedHash);
        return new(newHash, null);
    }

    private static StartedRelease? DecideDuringRelease(DeploymentView deployment, ReleaseState state, string storedHash, string newHash, PatchPlan plan)
    {
        var release = state.Release!;
        var stable = state.Stable ?? storedHash;
        if (storedHash == newHash)
        {
            KeepHeld(deployment, state, plan);
            return null;
        }

        if (newHash == stable)
        {
            // helm rollback / re-applying the old manifest: the stable ReplicaSet takes over again at once.
            plan.SetPaused(false);
            plan.RemoveAnnotation(GreylaneKeys.Release);
            plan.EnsureAnnotation(GreylaneKeys.Stable, stable);
            plan.Warn($"greylane: {deployment.FullName} is back on stable {stable}; release {release} is rolled back");
            return null;
        }

        HoldRelease(plan, newHash, stable);
        return new(newHash, release);
    }

    private static void KeepHeld(DeploymentView deployment, ReleaseState state, PatchPlan plan)
    {
        var release = state.Release!;
        var newPhase = RolloutStatusJson.Read(deployment.Annotation(GreylaneKeys.Status)).PhaseOf(release);
        if (newPhase == RolloutPhase.Completed)
        {
            return; // the controller's own completion: it clears the release annotation in this update
        }

        // The controller's own cleanup of a rolled-back release once the template is back on the stable one: it unpauses
        // and clears the release in one update, as a revert seen here does (DecideDuringRelease). Nothing new can roll out.
        if (state.Stage == ReleaseStage.RolledBack && deployment.Annotation(GreylaneKeys.Release) is null
            && state.Stable is { } stableHash && TemplateHash.Compute(deployment.Template) == stableHash)
        {
            return;
        }

        plan.EnsureAnnotation(GreylaneKeys.Release, release);
        if (state.Stable is { } stable)
        {
            plan.EnsureAnnotation(GreylaneKeys.Stable, stable);
        }

        // Promoting, Finalizing (stored or new) and Completed (new) mean the controller itself unpaused the Deployment.
        var handedBack = state.Phase is { IsPromoted: true } || newPhase is { IsPromoted: true };
        if (deployment.Paused || handedBack)
        {
            return;
        }

        plan.SetPaused(true);
        var command = $"kubectl -n {deployment.Namespace} annotate deploy/{deployment.Name} {GreylaneKeys.Command}=promote";
        if (state.Stage == ReleaseStage.RolledBack)
        {
            plan.Warn($"greylane: {deployment.FullName} stays paused: release {release} was rolled back");
            plan.Warn($"greylane: ship a new template, or revert to the stable one ({state.Stable}) to unpause");
        }
        else
        {
            plan.Warn($"greylane: {deployment.FullName} stays paused: release {release} is in progress");
            plan.Warn($"greylane: to finish it: {command}");
        }
    }

    private static void HoldRelease(PatchPlan plan, string release, string stable)
    {
        plan.SetPaused(true);
        plan.EnsureAnnotation(GreylaneKeys.Release, release);
        plan.EnsureAnnotation(GreylaneKeys.Stable, stable);
    }

    private static AdmissionDecision CannotJudge(string problem) =>
        AdmissionDecision.Deny(400, $"greylane cannot judge this opted-in Deployment: {problem}; send a complete apps/v1 Deployment");

    private sealed record StartedRelease(string Hash, string? Superseded);
}
