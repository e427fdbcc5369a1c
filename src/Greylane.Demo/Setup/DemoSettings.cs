namespace Greylane.Demo.Setup;

/// <summary>How to set up a demo environment.</summary>
internal sealed record DemoSettings
{
    /// <summary>The strategy annotation for a seed Deployment (by name), given whether Prometheus is there to gate on; null keeps the seed's.</summary>
    public required Func<string, bool, string?> Strategy { get; init; }

    /// <summary>Run a real Prometheus when it is installed (tests of analysis need it; the demo falls back without).</summary>
    public bool UsePrometheus { get; init; } = true;

    /// <summary>Type commands with the real kubectl when it is installed (off: the same patches through the KubernetesClient).</summary>
    public bool UseKubectl { get; init; } = true;

    /// <summary>Time between two rounds of the traffic trickle (one plain and one lane request each).</summary>
    public TimeSpan TrafficPeriod { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Route by the Gateway API (manifests/samples/seed-gateway-api, HTTPRoutes) instead of Istio's objects.</summary>
    public bool GatewayApi { get; init; }

    /// <summary>Show Greylane's own log at Information (default: warnings only, the narration tells the rest).</summary>
    public bool Verbose { get; init; }

    /// <summary>Set for <c>make sandbox</c>: the same environment kept running for a person (files in <c>.sandbox</c>, logs to files).</summary>
    public PlaygroundSettings? Playground { get; init; }
}
