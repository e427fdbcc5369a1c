namespace Greylane.Cli.Status;

/// <summary>What the current step sends to the canary: its request matches (as text) and its weight.</summary>
internal sealed record RoutingView(IReadOnlyList<string> Matches, int? Weight)
{
    public static RoutingView None { get; } = new([], null);

    public override string ToString()
    {
        var parts = new List<string>();
        if (Matches.Count > 0)
        {
            parts.Add("matches " + string.Join(" | ", Matches));
        }

        if (Weight is { } weight)
        {
            parts.Add($"weight {weight}% canary / {100 - weight}% stable");
        }

        return parts.Count == 0 ? "unchanged (this step routes no traffic to the canary)" : string.Join("; ", parts);
    }
}
