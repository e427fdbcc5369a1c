namespace Greylane.Core;

/// <summary>Every annotation and label key Greylane reads or writes (its whole footprint on user objects).</summary>
public static class GreylaneKeys
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "greylane.dev/";

    /// <summary>Annotation: "true" opts a Deployment in.</summary>
    public const string Enabled = Prefix + "enabled";

    /// <summary>Annotation: the inline strategy (YAML or JSON).</summary>
    public const string Strategy = Prefix + "strategy";

    /// <summary>Annotation: a ConfigMap in the same namespace whose key <see cref="StrategyConfigMapKey"/> holds a shared strategy.</summary>
    public const string StrategyRef = Prefix + "strategy-ref";

    /// <summary>The ConfigMap key that holds a shared strategy.</summary>
    public const string StrategyConfigMapKey = "strategy.yaml";

    /// <summary>Label: "true" on Deployments Greylane watches.</summary>
    public const string Managed = Prefix + "managed";

    /// <summary>Annotation (Deployment) and label (canary ReplicaSet and pods): hash of the template being released.</summary>
    public const string Release = Prefix + "release";

    /// <summary>Annotation: hash of the template being replaced.</summary>
    public const string Stable = Prefix + "stable";

    /// <summary>Annotation: the release status JSON (phase, step, since, counters, message, history).</summary>
    public const string Status = Prefix + "status";

    /// <summary>Annotation: a command for the controller (promote, abort, pause, resume, retry); removed once acted on.</summary>
    public const string Command = Prefix + "command";

    /// <summary>Annotation on VirtualServices/DestinationRules/Services: their original spec, saved before the first change.</summary>
    public const string Origin = Prefix + "origin";
}
