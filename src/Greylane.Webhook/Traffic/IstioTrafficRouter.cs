using System.Text.Json.Nodes;
using Greylane.Core.Ownership;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using k8s;
using k8s.Autorest;
using Greylane.Webhook.Controller.Leadership;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// <see cref="ITrafficRouter"/> over Istio: reads the live objects, lets the Core transforms decide, and writes with the
/// resourceVersion it read; a 409 (or an object gone meanwhile) re-reads and recomputes, a bounded number of times.
/// </summary>
internal sealed partial class IstioTrafficRouter(IKubernetes client, LeaderFence fence, ILogger<IstioTrafficRouter> logger) : ITrafficRouter
{
    /// <summary>Read-decide-write rounds before a conflict is left to the controller's queue.</summary>
    internal const int MaxAttempts = 8;

    private readonly RoutingApi _api = new(client, fence);

    /// <inheritdoc/>
    public async Task<RoutingState> CheckAsync(RoutedRelease release, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Strategy.SteersTraffic)
        {
            return RoutingState.Untouched;
        }

        var world = await new RoutingReader(_api).ReadAsync(release, cancellationToken).ConfigureAwait(false);
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

        var work = await new StepWorkBuilder(_api).BuildAsync(release, StepAt(release.Strategy, step), world, cancellationToken).ConfigureAwait(false);
        return new RoutingState(
            work.Errors.Count == 0 && work.Pending.Count == 0,
            restored,
            work.Errors,
            [.. work.Pending.SelectMany(p => p.Missing)],
            pinned);
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
            var world = await new RoutingReader(_api).ReadAsync(release, cancellationToken).ConfigureAwait(false);
            if (world.Target is null || world.Errors.Count > 0)
            {
                return new RoutingOutcome(changed, world.Errors, []);
            }

            var work = await new StepWorkBuilder(_api).BuildAsync(release, StepAt(release.Strategy, step), world, cancellationToken).ConfigureAwait(false);
            if (work.Errors.Count > 0)
            {
                return new RoutingOutcome(changed, work.Errors, work.Notes);
            }

            try
            {
                var written = new List<JsonObject>();
                foreach (var write in work.Pending)
                {
                    written.Add(await WriteAsync(write.Body, write.Live, world.Target.Namespace, write.Missing, cancellationToken).ConfigureAwait(false));
                    changed = true;
                }

                await HandBackAsync(world, written, cancellationToken).ConfigureAwait(false);

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
            // Problems finding a routing object do not stop a restore: what was found is restored.
            var world = await new RoutingReader(_api).ReadAsync(release, cancellationToken).ConfigureAwait(false);
            if (world.Target is null)
            {
                return new RoutingOutcome(changed, world.Errors, notes);
            }

            var plan = TrafficPlanner.Restore(WithoutPin(world.Objects), world.Target);
            // Notes of an earlier round whose writes succeeded are kept: the next round no longer sees those objects.
            notes.AddRange(plan.Notes.Except(notes));
            try
            {
                var written = new List<JsonObject>();
                foreach (var restored in plan.Routes.Concat(plan.Cleanup))
                {
                    if (world.Find(restored) is { } live && !JsonNode.DeepEquals(live, restored))
                    {
                        written.Add(await WriteAsync(restored, live, world.Target.Namespace, [], cancellationToken).ConfigureAwait(false));
                        changed = true;
                    }
                }

                await HandBackAsync(world, written, cancellationToken).ConfigureAwait(false);

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
            var world = await new RoutingReader(_api).ReadAsync(release, cancellationToken).ConfigureAwait(false);
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

    // A step index outside the strategy (before the first step, after the last) routes nothing: the original routes.
    private static StepSpec? StepAt(RolloutStrategy strategy, int step) =>
        step >= 0 && step < strategy.Steps.Count ? strategy.Steps[step] : null;

    // A host-mode pin on the stable Service is not routing to restore: it keeps stable traffic off the canary pods for
    // as long as they live, so it goes with them (UnpinStableAsync, after the canary is deleted or before promotion).
    private static TrafficObjects WithoutPin(TrafficObjects objects) => objects with { Service = null };

    // Greylane saves the origin of the stable Service only when it pins it (host mode).
    private static bool IsPinned(RoutingWorld world) =>
        world.Objects.Service?["metadata"]?["annotations"]?[Greylane.Core.GreylaneKeys.Origin] is not null;

    private static bool IsRestored(RoutingWorld world)
    {
        var plan = TrafficPlanner.Restore(WithoutPin(world.Objects), world.Target!);
        return plan.Routes.Count == 0 && plan.Cleanup.Count == 0 && world.CanaryService is null;
    }

    // 409: someone wrote in between (or the object was created meanwhile); 404: it went away. Both: read again.
    private static bool Retriable(HttpOperationException e) => RoutingApi.IsConflict(e) || RoutingApi.IsNotFound(e);

    // Every write was handed back at once (WriteAsync); one whose hand-back was lost (a crash, a 409 in between) is
    // handed back on the next round. Greylane's own canary Service is not a user's object and stays Greylane's.
    private async Task HandBackAsync(RoutingWorld world, IReadOnlyList<JsonObject> written, CancellationToken ct)
    {
        var untouched = world.Objects.VirtualServices.Append(world.Objects.DestinationRule).Append(world.Objects.Service)
            .OfType<JsonObject>()
            .Where(o => written.All(w => RoutingApi.Kind(w) != RoutingApi.Kind(o) || RoutingApi.Name(w) != RoutingApi.Name(o)))
            .Where(o => FieldOwners.Owns(o));
        foreach (var obj in untouched)
        {
            await _api.ReleaseAsync(obj, world.Target!.Namespace, ct).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> WriteAsync(JsonObject body, JsonObject? live, string ns, IReadOnlyList<string> missing, CancellationToken ct)
    {
        var subject = StepWorkBuilder.Describe(body);
        if (body["metadata"]?["namespace"]?.GetValue<string>() is { } own && own != ns)
        {
            throw new InvalidOperationException($"{subject}: Greylane never writes outside the Deployment's namespace {ns}");
        }

        if (live is null)
        {
            await _api.CreateAsync(body, ns, ct).ConfigureAwait(false);
            LogCreated(subject);
            return body;
        }

        // Patched and handed back in one call (RoutingApi.PatchAsync): routes and restores alike.
        var stored = await _api.PatchAsync(live, body, ns, ct).ConfigureAwait(false);
        LogReplaced(subject, missing.Count == 0 ? "routes no longer wanted" : string.Join("; ", missing));
        return stored;
    }
}
