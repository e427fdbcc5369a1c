using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 3: a single replica killed in the middle of an action: after the first routing write that follows the status
/// write of each step's <c>StepRouting</c> (DestinationRule written, VirtualService not yet) and of <c>Finalizing</c>
/// (VirtualService restored, DestinationRule not yet).
/// </summary>
public sealed class MidActionCutTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_release_cut_between_its_routing_writes_completes_with_the_original_routing() =>
        Scenario.RunAsync(output, ReleasePlan.Default, leaderElection: false, TimeSpan.FromSeconds(240), async (bed, ct) =>
        {
            var book = new CutBook(s => s is { Phase: "StepRouting", Routed: false } or { Phase: "Finalizing", Restored: false } ? $"{s.Phase}#{s.Step}" : null);
            var rules = new List<ChaosRule>();
            await using var fleet = new ControllerFleet(bed, 1, proxy =>
            {
                // One rule per point, so that a point this process claims without reaching its routing write never hides the next.
                foreach (var point in Points(bed.Plan))
                {
                    var rule = new ChaosRule($"kill after the first routing write of {point}", e => e.Status is { } s && $"{s.Phase}#{s.Step}" == point && book.Claim(s))
                    {
                        Then = e => e.IsRoutingWrite,
                    };
                    lock (rules)
                    {
                        rules.Add(rule);
                    }

                    proxy.Arm(rule);
                }
            });
            await fleet.StartAsync(ct);

            await bed.ShipAsync("web:v2");

            await bed.ConvergeAsync("Completed", ct, TimeSpan.FromSeconds(200));
            var fired = rules.Where(r => r.Fired).Select(r => r.Name).ToList();
            output.WriteLine($"cuts: {string.Join("; ", fired)}");
            foreach (var point in Points(bed.Plan).Where(p => !fired.Any(f => f.EndsWith(p, StringComparison.Ordinal))))
            {
                bed.Findings.Add("harness", $"no mid-action cut after {point}");
            }
        });

    private static IEnumerable<string> Points(ReleasePlan plan) =>
        [.. Enumerable.Range(0, plan.Steps.Count).Select(k => $"StepRouting#{k}"), $"Finalizing#{plan.Steps.Count - 1}"];
}
