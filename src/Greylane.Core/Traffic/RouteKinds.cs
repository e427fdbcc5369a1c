namespace Greylane.Core.Traffic;

/// <summary>The route lists of a VirtualService Greylane steers.</summary>
internal static class RouteKinds
{
    /// <summary>HTTP routes: matches and weights.</summary>
    public const string Http = "http";

    /// <summary>Every route list: weights apply to all of them, matches to <see cref="Http"/> only.</summary>
    public static readonly string[] All = [Http, "tls", "tcp"];
}
