using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;
using Greylane.Webhook.Controller.Leadership;
using k8s;
using k8s.Autorest;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// <see cref="ITrafficRouter"/> over the Gateway API (HTTPRoute, GRPCRoute): reads the live objects, lets the Core
/// transforms decide, and writes with the resourceVersion it read; a 409 (or an object gone meanwhile) re-reads and
/// recomputes, a bounded number of times. The canary Service and the pinned stable Service work as in Istio's host mode.
/// </summary>
internal sealed partial class GatewayTrafficRouter(IKubernetes client, LeaderFence fence, ILogger<GatewayTrafficRouter> logger) : ITrafficRouter
{
    /// <summary>Read-decide-write rounds before a conflict is left to the controller's queue.</summary>
    internal const int MaxAttempts = 8;

    private readonly RoutingApi _api = new(client, fence);
    private readonly GatewayRoutingApi _routes = new(client);

    /// <inheritdoc/>
    public async Task<RoutingState> CheckAsync(RoutedRelease release, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Strategy.SteersTraffic)
        {
            return RoutingState.Untouched;
        }

        var world = await ReadAsync(release, cancellationToken).ConfigureAwait(false);
        if (world.Target is null)
        {
            return new RoutingState(false, false, world.Errors, []);
        }

        var restored = IsRestored(world);
        var pinned = IsPinned(world);
        if (world.Errors.Count > 0)
        {
            return new RoutingState(false, restored, world.Errors, [], pinned);
        }

        var work = await new GatewayStepWorkBuilder(_api).BuildAsync(release, StepAt(release.Strategy, step), world, cancellationToken).ConfigureAwait(false);
        return new RoutingState(work.Errors.Count == 0 && work.Pending.Count == 0, restored, work.Errors, [.. work.Pending.SelectMany(p => p.Missing)], pinned);
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> ApplyAsync(RoutedRelease release, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Strategy.SteersTraffic)
        {
            return RoutingOutcome.Nothing;
        }

        var changed = false;
        for (var attempt = 1; ; attempt++)
        {
            var world = await ReadAsync(release, cancellationToken).ConfigureAwait(false);
            if (world.Target is null || world.Errors.Count > 0)
            {
                return new RoutingOutcome(changed, world.Errors, []);
            }

            var work = await new GatewayStepWorkBuilder(_api).BuildAsync(release, StepAt(release.Strategy, step), world, cancellationToken).ConfigureAwait(false);
            if (work.Errors.Count > 0)
            {
                return new RoutingOutcome(changed, work.Errors, work.Notes);
            }

            try
            {
                foreach (var write in work.Pending)
                {
                    await WriteAsync(write.Body, write.Live, world.Target.Namespace, write.Missing, cancellationToken).ConfigureAwait(false);
                    changed = true;
                }

                return new RoutingOutcome(changed, [], work.Notes);
            }
            catch (HttpOperationException e) when (Retriable(e) && attempt < MaxAttempts)
            {
                LogRetry(attempt, MaxAttempts, e.Response?.StatusCode.ToString(), e.Message);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> RestoreAsync(RoutedRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Strategy.SteersTraffic)
        {
            return RoutingOutcome.Nothing;
        }

        var changed = false;
        var notes = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            // Problems finding a route do not stop a restore: what was found is restored (a deleted route needs nothing).
            var world = await ReadAsync(release, cancellationToken).ConfigureAwait(false);
            if (world.Target is null)
            {
                return new RoutingOutcome(changed, world.Errors, notes);
            }

            var plan = GatewayPlanner.Restore(world.Objects with { Service = null }, world.Target);
            notes.AddRange(plan.Notes.Except(notes));
            try
            {
                foreach (var restored in plan.Routes)
                {
                    if (world.Find(restored) is { } live && !JsonNode.DeepEquals(Without(live, "status"), restored))
                    {
                        await WriteAsync(restored, live, world.Target.Namespace, [], cancellationToken).ConfigureAwait(false);
                        changed = true;
                    }
                }

                if (world.CanaryService is { } canary
                    && await _api.DeleteServiceAsync(world.Target.Namespace, RoutingApi.Name(canary), canary["metadata"]?["uid"]?.GetValue<string>(), cancellationToken).ConfigureAwait(false))
                {
                    LogDeleted(StepWorkBuilder.Describe(canary));
                    changed = true;
                }

                return new RoutingOutcome(changed, [], notes);
            }
            catch (HttpOperationException e) when (Retriable(e) && attempt < MaxAttempts)
            {
                LogRetry(attempt, MaxAttempts, e.Response?.StatusCode.ToString(), e.Message);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> UnpinStableAsync(RoutedRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Strategy.SteersTraffic)
        {
            return RoutingOutcome.Nothing;
        }

        for (var attempt = 1; ; attempt++)
        {
            var world = await ReadAsync(release, cancellationToken).ConfigureAwait(false);
            if (world.Target is null || !IsPinned(world))
            {
                return RoutingOutcome.Nothing;
            }

            var service = world.Objects.Service!;
            var restored = ServiceRestore.Restore(service);
            try
            {
                await WriteAsync(restored.Restored, service, world.Target.Namespace, [], cancellationToken).ConfigureAwait(false);
                return new RoutingOutcome(true, [], restored.Notes);
            }
            catch (HttpOperationException e) when (Retriable(e) && attempt < MaxAttempts)
            {
                LogRetry(attempt, MaxAttempts, e.Response?.StatusCode.ToString(), e.Message);
            }
        }
    }

    private Task<GatewayWorld> ReadAsync(RoutedRelease release, CancellationToken ct) => new GatewayRoutingReader(_api, _routes).ReadAsync(release, ct);

    // A step index outside the strategy (before the first step, after the last) routes nothing: the original routes.
    private static StepSpec? StepAt(RolloutStrategy strategy, int step) =>
        step >= 0 && step < strategy.Steps.Count ? strategy.Steps[step] : null;

    private static bool IsPinned(GatewayWorld world) =>
        world.Objects.Service?["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null;

    private static bool IsRestored(GatewayWorld world)
    {
        var plan = GatewayPlanner.Restore(world.Objects with { Service = null }, world.Target!);
        return plan.Routes.Count == 0 && world.CanaryService is null;
    }

    private static JsonObject Without(JsonObject obj, string field)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    // 409: someone wrote in between (or the object was created meanwhile); 404: it went away. Both: read again.
    private static bool Retriable(HttpOperationException e) => RoutingApi.IsConflict(e) || RoutingApi.IsNotFound(e);

    private async Task WriteAsync(JsonObject body, JsonObject? live, string ns, IReadOnlyList<string> missing, CancellationToken ct)
    {
        var subject = StepWorkBuilder.Describe(body);
        if (body["metadata"]?["namespace"]?.GetValue<string>() is { } own && own != ns)
        {
            throw new InvalidOperationException($"{subject}: Greylane never writes outside the Deployment's namespace {ns}");
        }

        if (live is null)
        {
            if (GatewayKind.Of(RoutingApi.Kind(body)) is not null)
            {
                throw new InvalidOperationException($"{subject}: Greylane changes the user's routes, it never creates one");
            }

            await _api.CreateAsync(body, ns, ct).ConfigureAwait(false);
            LogCreated(subject);
            return;
        }

        await _api.PatchAsync(live, body, ns, ct).ConfigureAwait(false);
        LogReplaced(subject, missing.Count == 0 ? "rules no longer wanted" : string.Join("; ", missing));
    }
}
