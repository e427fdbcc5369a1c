namespace Greylane.Core.Rollout;

/// <summary>The Kubernetes Event type of an <see cref="RolloutAction.Emit"/>.</summary>
public enum EventType
{
    /// <summary>Progress as planned.</summary>
    Normal,

    /// <summary>Something a person should look at.</summary>
    Warning,
}
