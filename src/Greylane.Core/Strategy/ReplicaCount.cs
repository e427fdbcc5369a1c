namespace Greylane.Core.Strategy;

/// <summary>A canary size: a count of pods, or a percent of the Deployment's replicas.</summary>
public readonly record struct ReplicaCount(int Value, bool IsPercent)
{
    /// <summary>A fixed number of pods.</summary>
    public static ReplicaCount Of(int pods) => new(pods, false);

    /// <summary>A percent of the Deployment's replicas.</summary>
    public static ReplicaCount Percent(int percent) => new(percent, true);

    /// <summary>
    /// Pods for a Deployment of <paramref name="deploymentReplicas"/>: percentages round up, at least one
    /// canary pod, never more than the Deployment itself has (or one, for a Deployment scaled to zero).
    /// </summary>
    public int Resolve(int deploymentReplicas)
    {
        var ceiling = Math.Max(1, deploymentReplicas);
        var wanted = IsPercent
            ? (int)Math.Ceiling(deploymentReplicas * Value / 100.0)
            : Value;
        return Math.Clamp(wanted, 1, ceiling);
    }

    /// <inheritdoc />
    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
