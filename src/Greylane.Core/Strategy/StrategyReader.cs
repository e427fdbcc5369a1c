using System.Text.Json.Nodes;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>Reads and validates <c>greylane.dev/strategy</c> (YAML or JSON), over an optional shared ConfigMap strategy.</summary>
public static class StrategyReader
{
    /// <summary>
    /// Parse <paramref name="inline"/> over <paramref name="shared"/> (inline keys win); both absent → <see cref="RolloutStrategy.Default"/>.
    /// Every problem is returned at once. With <paramref name="tenancy"/>, a query that tenancy scoping would refuse
    /// (another namespace, not PromQL) is a problem too.
    /// </summary>
    public static StrategyReadResult Read(string? inline, string? shared = null, TenancyCheck? tenancy = null) =>
        StrategyText.Remembered(inline, shared)
            ? Reads.Get((inline, shared, tenancy), static (key, _) => ReadText(key.Inline, key.Shared, key.Tenancy), 0)
            : ReadText(inline, shared, tenancy);

    // A read is a pure function of the texts, and the controller reads a Deployment's strategy at every reconcile: parsed
    // once, YAML's parser is never hot enough for the JIT to recompile it in a burst of releases.
    private static readonly BoundedMemo<(string? Inline, string? Shared, TenancyCheck? Tenancy), StrategyReadResult> Reads = new(512);

    private static StrategyReadResult ReadText(string? inline, string? shared, TenancyCheck? tenancy)
    {
        var syntaxErrors = new List<StrategyError>();
        var sharedRoot = StrategyText.Parse(shared, FieldReader.SharedSource, syntaxErrors);
        var inlineRoot = StrategyText.Parse(inline, FieldReader.InlineSource, syntaxErrors);
        if (syntaxErrors.Count > 0)
        {
            return new StrategyReadResult(null, syntaxErrors);
        }

        if (sharedRoot is null && inlineRoot is null)
        {
            return new StrategyReadResult(RolloutStrategy.Default, []);
        }

        var sharedPaths = new List<string>();
        var root = StrategyMerge.Merge(sharedRoot, inlineRoot, sharedPaths);
        var fields = new FieldReader(sharedPaths, tenancy: tenancy);
        var strategy = Map(root, fields);
        return fields.Errors.Count == 0 ? new StrategyReadResult(strategy, []) : new StrategyReadResult(null, fields.Errors);
    }

    /// <summary>
    /// The problems of an inline strategy that a <c>greylane.dev/strategy-ref</c> ConfigMap, not at hand, will complete
    /// (the webhook never reads ConfigMaps): only those no shared strategy could fix. Fields the merge could still supply
    /// (a lane's header, the metrics a step names, the canary label a query names) are not required; everything present is
    /// checked as <see cref="Read"/> checks it, queries against <paramref name="tenancy"/> included.
    /// </summary>
    public static IReadOnlyList<StrategyError> CheckPartial(string? inline, TenancyCheck? tenancy = null)
    {
        var errors = new List<StrategyError>();
        var root = StrategyText.Parse(inline, FieldReader.InlineSource, errors);
        if (root is null)
        {
            return errors;
        }

        var fields = new FieldReader([], isPartial: true, tenancy);
        Map(root, fields);
        return fields.Errors;
    }

    /// <summary>Pods for <paramref name="step"/> in a Deployment of <paramref name="deploymentReplicas"/> (see <see cref="ReplicaCount.Resolve"/>).</summary>
    public static int ResolveReplicas(StepSpec step, int deploymentReplicas)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Replicas.Resolve(deploymentReplicas);
    }

    private static RolloutStrategy Map(JsonObject root, FieldReader fields)
    {
        fields.Object(root, "", StrategyFields.Root);
        var canaryLabels = CanaryLabelsReader.Read(root[StrategyFields.CanaryLabels], fields);
        var traffic = TrafficReader.Read(root["traffic"], fields);
        var steps = StepReader.ReadAll(root["steps"], fields, AnalysisReader.Names(root["analysis"], unknownIfAbsent: fields.IsPartial));

        // Canary labels merge with the shared ones, so a partial strategy cannot know them all.
        var analysis = AnalysisReader.Read(root["analysis"], fields, fields.IsPartial ? null : canaryLabels);
        var deadline = fields.Duration(root["progressDeadline"], "progressDeadline", allowZero: false) ?? RolloutStrategy.Default.ProgressDeadline;
        var notify = NotifyReader.Read(root[NotifyReader.Field], fields);
        return new RolloutStrategy(canaryLabels, traffic, steps, analysis, deadline) { Notify = notify };
    }
}
