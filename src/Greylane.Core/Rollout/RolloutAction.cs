namespace Greylane.Core.Rollout;

/// <summary>
/// Something the controller does after persisting the status. Every action is idempotent: running it
/// twice (e.g. after a crash between persist and act) leaves the same result.
/// </summary>
public abstract record RolloutAction
{
    private RolloutAction()
    {
    }

    /// <summary>Remove <c>greylane.dev/command</c>; best folded into the status write itself, so a crash cannot apply a command twice.</summary>
    public sealed record ClearCommand : RolloutAction;

    /// <summary>Record a Kubernetes Event on the Deployment.</summary>
    public sealed record Emit(string Reason, string Message, EventType Type) : RolloutAction;

    /// <summary>Create (from the Deployment's current template) or scale the canary ReplicaSet of <paramref name="Release"/>.</summary>
    public sealed record ScaleCanary(string Release, int Replicas) : RolloutAction;

    /// <summary>Make routing what step <paramref name="Step"/> (0-based) asks for, computed from the saved original.</summary>
    public sealed record ApplyRouting(int Step) : RolloutAction;

    /// <summary>Put every routing object back to its saved original.</summary>
    public sealed record RestoreRouting : RolloutAction;

    /// <summary>
    /// In host mode, let the stable Service select every pod again (it was pinned to the stable pods): once the canaries are
    /// gone at the end of a release, and just before the Deployment's own rolling update at promotion.
    /// </summary>
    public sealed record UnpinStable : RolloutAction;

    /// <summary>Measure these metrics once each, then requeue with the results as <see cref="Observation.Measurements"/>.</summary>
    public sealed record Measure(IReadOnlyList<string> Metrics) : RolloutAction
    {
        /// <inheritdoc />
        public bool Equals(Measure? other) => other is not null && Metrics.SequenceEqual(other.Metrics);

        /// <inheritdoc />
        public override int GetHashCode() => Metrics.Aggregate(17, (hash, name) => HashCode.Combine(hash, name));

        /// <inheritdoc />
        public override string ToString() => $"Measure {{ Metrics = [{string.Join(", ", Metrics)}] }}";
    }

    /// <summary>Set <c>spec.paused=false</c> (the status phase already says why, for the webhook).</summary>
    public sealed record Unpause : RolloutAction;

    /// <summary>
    /// Set <c>spec.paused=true</c> again: an abort during promotion halts the Deployment's own rolling update where
    /// it stands, so that reverting the template (which unpauses at once) finishes the way back.
    /// </summary>
    public sealed record Repause : RolloutAction;

    /// <summary>Delete the canary ReplicaSet of <paramref name="Release"/> (absent is fine).</summary>
    public sealed record DeleteCanary(string Release) : RolloutAction;

    /// <summary>Remove <c>greylane.dev/release</c> and <c>greylane.dev/stable</c>: the release is over.</summary>
    public sealed record ClearRelease : RolloutAction;

    /// <summary>Reconcile again after this delay (sooner if something is observed).</summary>
    public sealed record RequeueAfter(TimeSpan Delay) : RolloutAction;
}
