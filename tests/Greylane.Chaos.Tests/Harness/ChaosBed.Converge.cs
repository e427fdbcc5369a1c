using System.Text.Json.Nodes;

namespace Greylane.Chaos.Harness.Tests;

/// <content>The end of every scenario: the release converged, and stays so.</content>
internal sealed partial class ChaosBed
{
    /// <summary>
    /// Waits until the release is at rest in <paramref name="phase"/> with the original routing objects, no canary and
    /// (promoted) no release annotation; then watches a while longer, so that a late write shows. Problems become findings.
    /// </summary>
    public async Task ConvergeAsync(string phase, CancellationToken ct, TimeSpan? timeout = null)
    {
        try
        {
            await WaitAsync(s => Converged(s, phase), $"{phase} with the original routing and no canary", timeout ?? TimeSpan.FromSeconds(60), ct);
        }
        catch (TimeoutException e)
        {
            Findings.Add("no convergence", e.Message);
            return;
        }

        Timeline.Add("test", $"converged to {phase}; watching {RoutingInvariant.Settle.TotalSeconds + 1:0}s more");
        await Task.Delay(RoutingInvariant.Settle + TimeSpan.FromSeconds(1), ct);
        var after = Observer.Current;
        if (!Converged(after, phase))
        {
            Findings.Add("did not stay converged", after.ToString());
        }

        if (CanaryPods() is { Count: > 0 } pods)
        {
            Findings.Add("canary pods left", string.Join(", ", pods));
        }
    }

    /// <summary>At rest in <paramref name="phase"/>, routing objects exactly as before the release, no canary, (promoted) nothing held.</summary>
    public bool Converged(Snapshot s, string phase) =>
        s.Status.Phase == phase
        && s.Canaries.Count == 0
        && s.Routing == new RoutingView(Traffic.Original, CanarySubset: false, Origin: false)
        && JsonNode.DeepEquals(s.VirtualService?["spec"], OriginalVirtualService)
        && JsonNode.DeepEquals(s.DestinationRule?["spec"], OriginalDestinationRule)
        && (phase != "Completed" || (s.Release is null && !s.Paused));
}
