namespace Greylane.Demo.Setup;

/// <summary>The repository manifests copied next to the demo binary (see the project file).</summary>
internal static class DemoFiles
{
    public static string Manifests => Path.Combine(AppContext.BaseDirectory, "manifests");

    public static string WebhookConfiguration => Path.Combine(Manifests, "mutatingwebhookconfiguration.yaml");

    /// <summary>The seed sample's documents in the order <c>kubectl apply -k</c> would create them (its kustomization's order).</summary>
    public static IReadOnlyList<string> Seed { get; } =
        ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    public static string SeedFile(string name) => Path.Combine(Manifests, "seed", name);

    /// <summary>The Gateway API variant of the seed (<c>--gateway-api</c>), in its kustomization's order.</summary>
    public static IReadOnlyList<string> SeedGatewayApi { get; } = ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "httproutes.yaml"];

    public static string SeedGatewayApiFile(string name) => Path.Combine(Manifests, "seed-gateway-api", name);
}
