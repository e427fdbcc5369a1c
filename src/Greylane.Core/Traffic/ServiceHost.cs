namespace Greylane.Core.Traffic;

/// <summary>How an Istio host name relates to a Service: short (<c>mockb</c>) or qualified (<c>mockb.e2e</c>, <c>mockb.e2e.svc.cluster.local</c>).</summary>
internal static class ServiceHost
{
    private static readonly string[] Suffixes = ["", ".svc", ".svc.cluster.local"];

    /// <summary>True when <paramref name="host"/>, written in a VirtualService of <paramref name="objectNamespace"/>, names the Service.</summary>
    public static bool Names(string? host, string service, string serviceNamespace, string objectNamespace)
    {
        if (host is null)
        {
            return false;
        }

        if (host == service)
        {
            return objectNamespace == serviceNamespace;
        }

        return Suffixes.Any(s => host == $"{service}.{serviceNamespace}{s}");
    }

    /// <summary>The namespace a host names for <paramref name="service"/> when it is qualified with another one, else null.</summary>
    public static string? ForeignNamespace(string? host, string service, string serviceNamespace)
    {
        if (host is null || !host.StartsWith(service + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = host[(service.Length + 1)..];
        var ns = Suffixes.Skip(1).Where(s => rest.EndsWith(s, StringComparison.Ordinal)).Select(s => rest[..^s.Length]).FirstOrDefault() ?? rest;
        return ns.Length > 0 && !ns.Contains('.', StringComparison.Ordinal) && ns != serviceNamespace ? ns : null;
    }

    /// <summary><paramref name="host"/> with the Service name replaced by <paramref name="other"/>, in the same form (short or qualified).</summary>
    public static string Rename(string host, string service, string other) =>
        host == service ? other : other + host[service.Length..];
}
