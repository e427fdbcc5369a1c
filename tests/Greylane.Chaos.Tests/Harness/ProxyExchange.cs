using System.Net;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>One request a controller process made through its chaos proxy, and what the sandbox answered.</summary>
internal sealed class ProxyExchange(string process, TimeSpan sent, string method, string pathAndQuery, StatusWrite? status)
{
    public string Process { get; } = process;

    public TimeSpan Sent { get; } = sent;

    public string Method { get; } = method;

    public string PathAndQuery { get; } = pathAndQuery;

    public string Path => PathAndQuery.Split('?')[0];

    /// <summary>The <c>greylane.dev/status</c> this request writes into a Deployment, if it is such a PATCH.</summary>
    public StatusWrite? Status { get; } = status;

    /// <summary>When the sandbox's answer (its headers) came back; null while in flight or when it never did.</summary>
    public TimeSpan? Answered { get; private set; }

    public HttpStatusCode? Code { get; private set; }

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public bool IsLease => Path.Contains("/leases", StringComparison.Ordinal);

    public bool IsEvent => Path.Contains("/events", StringComparison.Ordinal);

    /// <summary>A write that changes state the release depends on (not its Lease, not a best-effort Event).</summary>
    public bool IsStateWrite => IsWrite && !IsLease && !IsEvent;

    public bool IsRoutingWrite => IsWrite && (Path.Contains("/virtualservices", StringComparison.Ordinal) || Path.Contains("/destinationrules", StringComparison.Ordinal));

    /// <summary>The sandbox accepted it: the write landed.</summary>
    public bool Landed => Code is { } code && (int)code is >= 200 and < 300;

    public void Answer(HttpStatusCode code, TimeSpan at)
    {
        Code = code;
        Answered = at;
    }

    /// <summary>A short form for timelines: <c>PATCH deployments/web [status StepRouting#1] → 200</c>.</summary>
    public string Describe()
    {
        var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length >= 2 ? string.Join('/', segments[^2..]) : Path;
        if (segments.Length >= 1 && Method == "POST")
        {
            resource = segments[^1];
        }

        var status = Status is { } s ? $" [status {s}]" : "";
        var code = Code is { } c ? ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
        return $"{Method} {resource}{status} → {code}";
    }
}
