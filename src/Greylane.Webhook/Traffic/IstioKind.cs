namespace Greylane.Webhook.Traffic;

/// <summary>An Istio networking resource as the router reads and writes it.</summary>
internal sealed record IstioKind(string Kind, string Version, string Plural)
{
    /// <summary>The API group of every Istio networking resource.</summary>
    public const string Group = "networking.istio.io";

    // v1beta1 is served by every Istio release since 1.5 (and by the sandbox's CRDs); the seed writes it too.
    public static IstioKind VirtualService { get; } = new("VirtualService", "v1beta1", "virtualservices");

    public static IstioKind DestinationRule { get; } = new("DestinationRule", "v1beta1", "destinationrules");

    // EnvoyFilter has only ever been served as v1alpha3.
    public static IstioKind EnvoyFilter { get; } = new("EnvoyFilter", "v1alpha3", "envoyfilters");

    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>The Istio kind of <paramref name="kind"/>, or null for a built-in kind.</summary>
    public static IstioKind? Of(string? kind) => kind switch
    {
        "VirtualService" => VirtualService,
        "DestinationRule" => DestinationRule,
        "EnvoyFilter" => EnvoyFilter,
        _ => null,
    };
}
