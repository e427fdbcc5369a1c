namespace Greylane.Sandbox;

/// <summary>How a sandbox behaves; tests shorten delays and history to force edge cases.</summary>
public sealed record SandboxOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How long a new pod takes to become ready.</summary>
    public TimeSpan PodReadyDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How many change events are kept for watch resume; a watch from an older resourceVersion gets 410 Expired.</summary>
    public int WatchHistoryLimit { get; init; } = 10_000;

    /// <summary>The clock for controllers, timestamps and readiness delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
