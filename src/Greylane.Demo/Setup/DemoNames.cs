namespace Greylane.Demo.Setup;

/// <summary>The names the seed sample and the demo agree on.</summary>
internal static class DemoNames
{
    public const string Namespace = "e2e";
    public const string LeaseNamespace = "greylane-system";
    public const string MockA = "mocka-base";
    public const string MockB = "mockb-base";
    public const string Container = "default";
    public const string LaneHeader = "my-request-id";
    public const string LaneValue = "canary";
    public const string Gateway = "simple-gateway";
}
