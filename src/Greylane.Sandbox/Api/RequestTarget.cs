using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>What a URL path addresses: a discovery document or a resource (collection, object or subresource).</summary>
internal abstract record RequestTarget
{
    private RequestTarget()
    {
    }

    /// <summary><c>/api</c>, <c>/apis</c>, <c>/apis/{g}</c>, <c>/api/v1</c> or <c>/apis/{g}/{v}</c>.</summary>
    public sealed record Discovery(string? Group, string? Version, bool Legacy) : RequestTarget;

    /// <summary>A resource path; <see cref="Name"/> null means the collection.</summary>
    public sealed record Resource(ResourceType Type, string? Namespace, string? Name, string? Subresource) : RequestTarget;

    /// <summary>Parses a request path against the served types; null when nothing is served there.</summary>
    public static RequestTarget? Parse(string path, ResourceRegistry registry)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return parts switch
        {
            ["api"] => new Discovery(null, null, Legacy: true),
            ["api", var v] => new Discovery("", v, Legacy: true),
            ["apis"] => new Discovery(null, null, Legacy: false),
            ["apis", var g] => new Discovery(g, null, Legacy: false),
            ["apis", var g, var v] => new Discovery(g, v, Legacy: false),
            ["api", var v, .. var rest] => ParseResource("", v, rest, registry),
            ["apis", var g, var v, .. var rest] => ParseResource(g, v, rest, registry),
            _ => null,
        };
    }

    private static Resource? ParseResource(string group, string version, string[] rest, ResourceRegistry registry)
    {
        if (rest is ["namespaces", var ns, var plural, .. var tail] && tail.Length <= 2
            && registry.Find(group, version, plural) is { Namespaced: true } namespaced)
        {
            return new Resource(namespaced, ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1));
        }

        if (rest.Length is < 1 or > 3 || registry.Find(group, version, rest[0]) is not { } type)
        {
            return null;
        }

        // A namespaced type without a namespace segment is the all-namespaces collection only.
        return type.Namespaced && rest.Length > 1 ? null : new Resource(type, null, rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2));
    }
}
