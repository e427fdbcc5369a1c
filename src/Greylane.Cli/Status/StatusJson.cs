using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Cli.Status;

/// <summary>
/// The <c>-o json</c> document: a schema of its own (<c>greylane.dev/v1 ReleaseStatus</c>), so scripts do not depend on
/// the annotation's internals; steps count from 1 here, as people read them.
/// </summary>
internal static class StatusJson
{
    public const string ApiVersion = "greylane.dev/v1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Document(ReleaseView view)
    {
        var s = view.Status;
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "ReleaseStatus",
            ["namespace"] = view.Namespace,
            ["deployment"] = view.Deployment,
            ["optedIn"] = view.OptedIn,
            ["phase"] = s.Phase.ToString(),
            ["pausedByUser"] = s.PausedByUser,
            ["held"] = s.Held,
            ["step"] = view.StepNumber,
            ["steps"] = view.Steps,
            ["release"] = s.Release,
            ["stable"] = s.Stable,
            ["since"] = s.Since is { } since ? StatusText.Time(since) : null,
            ["message"] = s.Message,
            ["pendingCommand"] = view.PendingCommand,
            ["replicas"] = new JsonObject
            {
                ["canary"] = Counts(view.Canary),
                ["stable"] = Counts(view.Stable),
            },
            ["routing"] = new JsonObject
            {
                ["matches"] = new JsonArray([.. view.Routing.Matches.Select(m => (JsonNode?)m)]),
                ["weight"] = view.Routing.Weight,
                ["gatewayRoutes"] = view.GatewayRoutes is { } routes ? new JsonArray([.. routes.Select(r => (JsonNode?)r)]) : null,
            },
            ["metrics"] = new JsonArray([.. view.Metrics.Select(m => (JsonNode?)new JsonObject
            {
                ["name"] = m.Name,
                ["min"] = m.Min,
                ["max"] = m.Max,
                ["lastValue"] = m.LastValue,
                ["last"] = m.Last,
                ["lastMessage"] = m.LastMessage,
                ["lastStableValue"] = m.LastStableValue,
                ["lastPValue"] = m.LastPValue,
                ["query"] = m.Query,
                ["stableQuery"] = m.StableQuery,
                ["passed"] = m.Passed,
                ["count"] = m.Count,
                ["failed"] = m.Failed,
                ["failureLimit"] = m.FailureLimit,
                ["inconclusive"] = m.Inconclusive,
                ["inconclusiveLimit"] = m.InconclusiveLimit,
            })]),
            ["history"] = new JsonArray([.. s.History.Select(h => (JsonNode?)new JsonObject
            {
                ["from"] = h.From.ToString(),
                ["to"] = h.To.ToString(),
                ["trigger"] = h.Trigger.ToString(),
                ["time"] = StatusText.Time(h.Time),
            })]),
            ["strategyErrors"] = new JsonArray([.. view.StrategyErrors.Select(e => (JsonNode?)e)]),
        };
    }

    public static JsonObject List(IReadOnlyList<ReleaseView> views, string ns) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ReleaseStatusList",
        ["namespace"] = ns,
        ["items"] = new JsonArray([.. views.Select(v => (JsonNode?)Document(v))]),
    };

    /// <summary>Indented for one answer; one compact line per document under <c>--watch</c>, so each line parses alone.</summary>
    public static string Write(JsonObject document, bool watch) =>
        (watch ? document.ToJsonString() : document.ToJsonString(Indented)) + "\n";

    private static JsonObject Counts(ReplicaCounts counts) => new() { ["ready"] = counts.Ready, ["desired"] = counts.Desired };
}
