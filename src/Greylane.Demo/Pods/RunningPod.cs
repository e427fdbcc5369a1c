namespace Greylane.Demo.Pods;

/// <summary>A sandbox pod and the real sample service that plays it on a loopback port.</summary>
internal sealed record RunningPod(string Namespace, string Name, IReadOnlyDictionary<string, string> Labels, string PodIp, Uri Url, string Description)
{
    /// <summary>Whether every label of <paramref name="selector"/> is on the pod.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> selector) =>
        selector.All(pair => Labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
