using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Greylane.Core.Rollout;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The two metric families with a series per opted-in Deployment, <c>greylane_rollout_phase</c> and
/// <c>greylane_rollout_step</c>, kept as one small entry per Deployment and written straight onto the
/// <c>/metrics</c> page. A labelled prometheus-net series costs about 0.8 KiB (its label arrays, identity and
/// child objects), so these two were 16 MiB of the controller's idle memory at 10,000 Deployments; an entry here
/// is a dictionary slot holding the phase and the step.
/// </summary>
internal sealed class RolloutSeries
{
    private const string PhaseName = "greylane_rollout_phase";
    private const string StepName = "greylane_rollout_step";

    // The names spelled out in the headers: the Grafana dashboard's test finds exported families by their TYPE line.
    private const string PhaseHeader =
        "# HELP greylane_rollout_phase 1 for the current release phase of a Deployment (only that phase has a series: at 10,000 Deployments a series per phase would be 110,000).\n" +
        "# TYPE greylane_rollout_phase gauge\n";

    private const string StepHeader =
        "# HELP greylane_rollout_step The current step of a Deployment's release, counted from 1 (0 when no release is in progress).\n" +
        "# TYPE greylane_rollout_step gauge\n";

    private static readonly FrozenDictionary<RolloutPhase, string> PhaseLabels =
        Enum.GetValues<RolloutPhase>().ToFrozenDictionary(phase => phase, phase => phase.ToString());

    private readonly ConcurrentDictionary<(string Namespace, string Name), (RolloutPhase Phase, int Step)> _byDeployment = new();

    public int Count => _byDeployment.Count;

    /// <summary>Sets a Deployment's phase and its step as the page shows it (counted from 1; 0 at rest).</summary>
    public void Set(string @namespace, string deployment, RolloutPhase phase, int step) =>
        _byDeployment[(@namespace, deployment)] = (phase, step);

    public void Remove(string @namespace, string deployment) => _byDeployment.TryRemove((@namespace, deployment), out _);

    /// <summary>
    /// Writes both families in the Prometheus text format (0.0.4). The table is read entry by entry while workers
    /// write it (no snapshot array: at 10,000 Deployments that would be a large-object allocation per scrape).
    /// </summary>
    public async Task WriteAsync(TextWriter page, CancellationToken cancel)
    {
        var line = new StringBuilder(256);
        await page.WriteAsync(PhaseHeader.AsMemory(), cancel);
        foreach (var ((ns, name), (phase, _)) in _byDeployment)
        {
            Labels(line.Clear(), PhaseName, ns, name).Append(",phase=\"").Append(PhaseLabels[phase]).Append("\"} 1\n");
            await page.WriteAsync(line, cancel);
        }

        await page.WriteAsync(StepHeader.AsMemory(), cancel);
        foreach (var ((ns, name), (_, step)) in _byDeployment)
        {
            Labels(line.Clear(), StepName, ns, name).Append(CultureInfo.InvariantCulture, $"}} {step}\n");
            await page.WriteAsync(line, cancel);
        }
    }

    private static StringBuilder Labels(StringBuilder line, string family, string ns, string name) =>
        line.Append(family).Append("{namespace=\"").Append(LabelValue(ns)).Append("\",deployment=\"").Append(LabelValue(name)).Append('"');

    /// <summary>A label value as the text format quotes it (Kubernetes names never need it; a page must never break).</summary>
    internal static string LabelValue(string value) =>
        value.AsSpan().IndexOfAny("\\\"\n") < 0
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
