namespace Greylane.Core.Strategy;

/// <summary>The field names a strategy may hold, per level (what unknown-field errors list as allowed).</summary>
internal static class StrategyFields
{
    public const string CanaryLabels = "canaryLabels";

    public static readonly string[] Root = [CanaryLabels, "traffic", "steps", "analysis", "progressDeadline", "notify"];

    public static readonly string[] Traffic = ["service", "istio", "gatewayAPI", "gracePeriod", "lane"];

    public static readonly string[] GatewayApi = ["httpRoutes", "grpcRoutes", "canaryService"];

    public static readonly string[] Istio = ["virtualServices", "destinationRule", "canarySubset"];

    public static readonly string[] Lane = ["header", "value", "dye"];

    public static readonly string[] Dye = ["fromHeader", "fromValue", "otherwise"];

    public static readonly string[] Step = ["replicas", "weight", "matches", "pause", "analysis"];

    public static readonly string[] Match = ["headers", "queryParams", "path"];

    public static readonly string[] NamedMatch = ["name", "value", "type"];

    public static readonly string[] PathMatch = ["value", "type"];

    public static readonly string[] Analysis = ["interval", "metrics"];

    public static readonly string[] Metric =
        ["name", "query", "min", "max", "count", "failureLimit", "inconclusiveLimit", "initialDelay", "interval", "minSamples",
        "builtin", "window", "reporter", "compare", "maxDrop", "maxIncrease", "test", "confidence", "step"];

    public static readonly string[] MinSamples = ["query", "min"];
}
