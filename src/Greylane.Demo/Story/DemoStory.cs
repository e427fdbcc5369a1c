using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Story;

/// <summary>
/// The seed article's release, told as it happens: new images for mocka and mockb (<c>kubectl set image</c>), held by
/// the webhook, one canary pod each that only <c>my-request-id: canary</c> reaches end to end, the success-rate
/// gate, a person's <c>promote</c>, completion; then a faulty mockb (30% errors) that analysis rolls back.
/// </summary>
internal sealed class DemoStory(DemoEnvironment environment)
{
    public const string Image = "greylane/sample-service";
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ControllerTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _problems = [];
    private bool _gated;
    private bool _rolledBackByAnalysis;

    private Narration.DemoOutput Output => environment.Output;

    public async Task<DemoOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _gated = environment.Prometheus is not null;
        Output.Heading("Before any release: every request is served by version base");
        Output.Line(environment.GatewayApi
            ? "the seed on the Gateway API: gateway → HTTPRoute mocka → mocka (calls http://mockb:8000/, passing on only my-request-id) → HTTPRoute mockb (on Service mockb) → mockb"
            : "the seed: gateway → vs-mocka → mocka (calls http://mockb:8000/, passing on only my-request-id) → vs-mockb → mockb; subsets version-base");
        await CurlAsync(cancellationToken);

        // Every act reports its own traffic before the next begins: counts carried over would show release 1's
        // canaries (mocka's included) in lines printed during release 2, where only mockb has one.
        ReleaseWatch.ReportTraffic(environment);
        Output.Heading("Release 1: new image for mocka and mockb, as `kubectl set image` does");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await FirstReleaseAsync(cancellationToken);
        List<TimeSpan> durations = [clock.Elapsed];
        RolloutPhase? second = null;
        ReleaseWatch.ReportTraffic(environment);
        if (first == RolloutPhase.Completed)
        {
            Output.Heading("Release 2: mockb 1.2 fails 30% of its requests (ERROR_RATE=0.3)");
            clock.Restart();
            second = await SecondReleaseAsync(cancellationToken);
            durations.Add(clock.Elapsed);
        }
        else
        {
            _problems.Add("release 2 was not tried because release 1 did not complete");
        }

        ReleaseWatch.ReportTraffic(environment);
        var outcome = new DemoOutcome(first, second, _rolledBackByAnalysis, _problems) { Durations = durations };
        Output.Heading(outcome.Succeeded
            ? $"Done: release 1 Completed in {durations[0].TotalSeconds:0.0}s, release 2 RolledBack{(_rolledBackByAnalysis ? " by analysis" : " by an abort command")} in {durations[1].TotalSeconds:0.0}s"
            : "The demo did not end as it should");
        foreach (var problem in _problems)
        {
            Output.Line($"why: {problem}");
        }

        return outcome;
    }

    private async Task<RolloutPhase?> FirstReleaseAsync(CancellationToken cancellationToken)
    {
        string[] both = [DemoNames.MockA, DemoNames.MockB];
        foreach (var deployment in both)
        {
            await environment.Kubectl.SetImageAsync(DemoNames.Namespace, deployment, DemoNames.Container, $"{Image}:1.1", cancellationToken);
        }

        foreach (var deployment in both)
        {
            if (!await ReachedAsync(deployment, v => v.Status.Phase == RolloutPhase.StepPaused && !v.Status.Held, "wait at its manual pause", cancellationToken))
            {
                return ReleaseView.Read(environment.Sandbox.Store, deployment).Status.Phase;
            }
        }

        Output.Line(_gated
            ? "both canaries passed the success-rate gate and wait at the seed's manual pause; the lane reaches the canaries end to end:"
            : "both canaries wait at the seed's manual pause (no analysis gate without Prometheus); the lane reaches the canaries end to end:");
        await CurlAsync(cancellationToken);
        foreach (var deployment in both)
        {
            await environment.Kubectl.AnnotateAsync(DemoNames.Namespace, deployment, GreylaneKeys.Command, "promote", cancellationToken);
        }

        foreach (var deployment in both)
        {
            if (!await ReachedAsync(deployment, v => v.Status.Phase == RolloutPhase.Completed && v.Release is null, "complete after promote", cancellationToken))
            {
                return ReleaseView.Read(environment.Sandbox.Store, deployment).Status.Phase;
            }
        }

        Output.Line("release 1 is Completed: the Deployments rolled out 1.1 themselves, routing is back to the original, the canaries are gone");
        await CurlAsync(cancellationToken);
        return RolloutPhase.Completed;
    }

    private async Task<RolloutPhase?> SecondReleaseAsync(CancellationToken cancellationToken)
    {
        await environment.Kubectl.SetImageAndEnvAsync(DemoNames.Namespace, DemoNames.MockB, DemoNames.Container, $"{Image}:1.2", "ERROR_RATE", "0.3", cancellationToken);
        if (!_gated)
        {
            // Without Prometheus nothing measures the canary: do what an operator watching the errors would do.
            if (!await ReachedAsync(DemoNames.MockB, v => v.Status.Phase == RolloutPhase.StepPaused, "wait at its manual pause", cancellationToken))
            {
                return ReleaseView.Read(environment.Sandbox.Store, DemoNames.MockB).Status.Phase;
            }

            var failed = 0;
            for (var i = 0; i < 10; i++)
            {
                failed += (await environment.Traffic.SendAsync(lane: true, cancellationToken)).Code == 200 ? 0 : 1;
            }

            Output.Line($"10 requests with {DemoNames.LaneHeader}: {DemoNames.LaneValue}: {failed} failed. No analysis gate without Prometheus: aborting by hand, as a person seeing these errors would");
            await environment.Kubectl.AnnotateAsync(DemoNames.Namespace, DemoNames.MockB, GreylaneKeys.Command, "abort", cancellationToken);
        }

        if (!await ReachedAsync(DemoNames.MockB, v => v.Status.Phase == RolloutPhase.RolledBack, _gated ? "be rolled back by analysis" : "be rolled back", cancellationToken))
        {
            return ReleaseView.Read(environment.Sandbox.Store, DemoNames.MockB).Status.Phase;
        }

        var history = ReleaseView.Read(environment.Sandbox.Store, DemoNames.MockB).Status.History;
        _rolledBackByAnalysis = history.Any(t => t.Trigger == RolloutTrigger.MeasurementFailed);
        if (_gated && !_rolledBackByAnalysis)
        {
            _problems.Add($"{DemoNames.MockB}: rolled back, but not by a failed measurement (transitions: {string.Join(", ", history.Select(t => $"{t.From}→{t.To} ({t.Trigger})"))})");
        }

        Output.Line("release 2 is RolledBack: routing restored, canary deleted; mockb stays paused on 1.2 until a new image or a revert");
        await CurlAsync(cancellationToken);
        return RolloutPhase.RolledBack;
    }

    /// <summary>Waits for a phase; on a timeout records why (naming the missing part when nothing moved at all).</summary>
    private async Task<bool> ReachedAsync(string deployment, Func<ReleaseView, bool> condition, string goal, CancellationToken cancellationToken)
    {
        if (await ReleaseWatch.UntilAsync(environment, deployment, v => v.Release is not null || v.Status.Phase != RolloutPhase.Idle, HoldTimeout, cancellationToken) is null)
        {
            _problems.Add($"{deployment}: the webhook did not hold the new template (no {GreylaneKeys.Release} annotation after {HoldTimeout.TotalSeconds}s)");
            return false;
        }

        if (await ReleaseWatch.UntilAsync(environment, deployment, v => v.Status.Phase != RolloutPhase.Idle, ControllerTimeout, cancellationToken) is null)
        {
            _problems.Add($"{deployment}: held by the webhook ({ReleaseView.Read(environment.Sandbox.Store, deployment)}), but no controller acted on it within {ControllerTimeout.TotalSeconds}s (status phase still Idle): is the controller of issue 5 in this build?");
            return false;
        }

        if (await ReleaseWatch.UntilAsync(environment, deployment, condition, StepTimeout, cancellationToken) is null)
        {
            _problems.Add($"{deployment}: did not {goal} within {StepTimeout.TotalSeconds}s; now {ReleaseView.Read(environment.Sandbox.Store, deployment)}");
            return false;
        }

        return true;
    }

    private async Task CurlAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in new[] { false, true })
        {
            var (code, body) = await environment.Traffic.SendAsync(lane, cancellationToken);
            var header = lane ? $" -H {DemoNames.LaneHeader}:{DemoNames.LaneValue}" : "";
            Output.Line($"$ curl{header} {environment.Mesh.GatewayUrl}{(code == 200 ? "" : $"    (HTTP {code})")}\n  " + body.TrimEnd().Replace("\n", "\n  ", StringComparison.Ordinal));
        }
    }
}
