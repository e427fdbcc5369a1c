namespace Greylane.Chaos.Harness.Tests;

/// <summary>Where the VirtualService sends requests: a lane route (header match) to the canary, and the canary's weight on the main route.</summary>
internal readonly record struct Traffic(bool Lane, int Weight)
{
    public static Traffic Original { get; } = new(false, 0);

    public bool ReachesCanary => Lane || Weight > 0;

    public override string ToString() => (Lane, Weight) switch
    {
        (false, 0) => "original",
        (true, 0) => "lane",
        (false, var w) => $"w{w}",
        (true, var w) => $"lane+w{w}",
    };
}
