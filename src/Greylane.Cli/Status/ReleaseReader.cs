using System.Net;
using Greylane.Cli.Kube;
using Greylane.Core;
using Greylane.Core.Release;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Cli.Status;

/// <summary>Gathers a Deployment's release from the cluster: its status annotation, strategy, canary and stable pods.</summary>
internal static class ReleaseReader
{
    public static async Task<ReleaseView> ReadAsync(IKubernetes client, V1Deployment deployment, CancellationToken ct)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var status = RolloutStatusJson.Read(Deployments.Annotation(deployment, GreylaneKeys.Status));
        var (strategy, errors) = await ReadStrategyAsync(client, deployment, ct);
        var step = strategy is { Steps.Count: > 0 } ? strategy.Steps[Math.Clamp(status.Step, 0, strategy.Steps.Count - 1)] : null;
        var replicas = deployment.Spec.Replicas ?? 1;
        var canary = await CanaryReadyAsync(client, deployment, status.Release, ct);
        var canaryDesired = canary.Desired ?? (step is not null && status.Phase.IsStep ? StrategyReader.ResolveReplicas(step, replicas) : 0);
        return new ReleaseView(
            ns,
            deployment.Metadata.Name,
            Deployments.IsOptedIn(deployment),
            status,
            strategy?.Steps.Count ?? 0,
            new ReplicaCounts(canary.Ready, canaryDesired),
            new ReplicaCounts(deployment.Status?.ReadyReplicas ?? 0, replicas),
            step is null ? RoutingView.None : Routing(step, strategy!),
            step is null ? [] : Metrics(step, strategy!, status),
            Deployments.Annotation(deployment, GreylaneKeys.Command),
            errors,
            strategy?.Traffic.GatewayApi is null ? null : await GatewayRoutesReader.ReadAsync(client, ns, deployment.Metadata.Name, ct));
    }

    internal static async Task<(RolloutStrategy? Strategy, IReadOnlyList<string> Errors)> ReadStrategyAsync(IKubernetes client, V1Deployment deployment, CancellationToken ct)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var read = await StrategySource.ReadAsync(ns, key => Deployments.Annotation(deployment, key), (name, token) => SharedStrategyAsync(client, ns, name, token), tenancy: null, ct);
        return (read.Strategy, [.. read.Errors.Select(e => e.ToString())]);
    }

    private static async Task<string?> SharedStrategyAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct);
            return map.Data is { } data && data.TryGetValue(GreylaneKeys.StrategyConfigMapKey, out var text) ? text : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // Canary ReplicaSets carry greylane.dev/release and a (non-controller) owner reference to the Deployment.
    private static async Task<(int Ready, int? Desired)> CanaryReadyAsync(IKubernetes client, V1Deployment deployment, string? release, CancellationToken ct)
    {
        var sets = await client.AppsV1.ListNamespacedReplicaSetAsync(deployment.Metadata.NamespaceProperty, labelSelector: GreylaneKeys.Release, cancellationToken: ct);
        var owned = sets.Items
            .Where(rs => CanaryReplicaSet.IsCanaryOf(
                deployment.Metadata.Uid, (rs.Metadata.OwnerReferences ?? []).Select(o => ((string?)o.Kind, (string?)o.Uid)), rs.Metadata.DeletionTimestamp is not null))
            .Where(rs => release is null || rs.Metadata.Labels is { } labels && labels.TryGetValue(GreylaneKeys.Release, out var value) && value == release)
            .ToList();
        return owned.Count == 0
            ? (0, null)
            : (owned.Sum(rs => rs.Status?.ReadyReplicas ?? 0), owned.Sum(rs => rs.Spec?.Replicas ?? 0));
    }

    private static RoutingView Routing(StepSpec step, RolloutStrategy strategy) => new(MatchText.ForStep(step, strategy.Traffic.Lane), step.Weight);

    private static List<MetricRow> Metrics(StepSpec step, RolloutStrategy strategy, RolloutStatus status)
    {
        var names = step.Analysis.Concat(status.Metrics.Select(m => m.Name)).Distinct(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            var spec = strategy.Analysis.Metrics.FirstOrDefault(m => m.Name == name);
            var counters = status.Metrics.FirstOrDefault(m => m.Name == name);
            return new MetricRow(
                name,
                spec?.Min,
                spec?.Max,
                counters?.LastValue,
                counters?.Last?.ToString(),
                counters?.LastMessage,
                counters?.Passed ?? 0,
                spec?.Count ?? 0,
                counters?.Failed ?? 0,
                spec?.FailureLimit ?? 0,
                counters?.Inconclusive ?? 0,
                spec?.InconclusiveLimit ?? 0)
            {
                LastStableValue = counters?.LastStableValue,
                LastPValue = counters?.LastPValue,
                Query = counters?.Query,
                StableQuery = counters?.StableQuery,
                GeneratedQueries = spec?.Builtin is not null || spec?.Compare is not null,
            };
        })];
    }
}
