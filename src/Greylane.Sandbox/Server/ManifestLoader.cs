using System.Reflection;
using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Server;

/// <summary>
/// Creates or updates the objects of a YAML/JSON manifest stream through the normal write path, like <c>kubectl apply</c>.
/// Its writes are recorded in managedFields under the manager <see cref="Manager"/>.
/// </summary>
internal sealed class ManifestLoader(InMemoryObjectStore store, ResourceRegistry registry, ResourceWriter writer)
{
    public const string Manager = "greylane-sandbox";

    private const string GatewayApiFolder = ".Crds.GatewayApi.";

    private static readonly WriteOptions Options = new(DryRun: false, Manager);

    public async Task<IReadOnlyList<JsonObject>> ApplyAsync(string yaml, CancellationToken ct)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.ParseAll(yaml);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ArgumentException($"the manifest is not valid YAML: {ex.Message}", nameof(yaml), ex);
        }

        var applied = new List<JsonObject>();
        foreach (var obj in documents.SelectMany(Expand))
        {
            applied.Add(await ApplyOneAsync(obj, ct));
        }

        return applied;
    }

    /// <summary>The Istio CRDs shipped as embedded fixtures under <c>Crds/</c>.</summary>
    public static IEnumerable<string> IstioCrds() => Embedded(name => !name.Contains(GatewayApiFolder, StringComparison.Ordinal));

    /// <summary>The Gateway API CRDs (standard channel) shipped as embedded fixtures under <c>Crds/GatewayApi/</c>.</summary>
    public static IEnumerable<string> GatewayApiCrds() => Embedded(name => name.Contains(GatewayApiFolder, StringComparison.Ordinal));

    private static IEnumerable<string> Embedded(Func<string, bool> wanted)
    {
        var assembly = typeof(ManifestLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".yaml", StringComparison.Ordinal) && wanted(n)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    private static IEnumerable<JsonObject> Expand(JsonNode? document) => document switch
    {
        JsonObject { } list when list["kind"]?.GetValue<string>() == "List" => (list["items"] as JsonArray ?? []).OfType<JsonObject>(),
        JsonObject obj => [obj],
        null => [],
        _ => throw new ArgumentException("every manifest document must be an object with apiVersion and kind"),
    };

    private async Task<JsonObject> ApplyOneAsync(JsonObject obj, CancellationToken ct)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? "";
        var kind = obj["kind"]?.GetValue<string>() ?? "";
        var (group, version) = apiVersion.Contains('/', StringComparison.Ordinal)
            ? (apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)], apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..])
            : ("", apiVersion);
        var type = registry.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind)
            ?? throw new ArgumentException($"no resource of kind \"{kind}\" is served at \"{apiVersion}\"; create its CustomResourceDefinition first");
        var ns = type.Namespaced ? obj.Namespace() ?? "default" : null;
        var existing = store.Get(type, ns, obj.Name());
        if (existing is null)
        {
            return (await writer.CreateAsync(type, ns, obj, Options, ct)).Body;
        }

        obj.Metadata()["resourceVersion"] = existing.ResourceVersion();
        return (await writer.UpdateAsync(type, ns, obj.Name(), null, obj, Options, ct)).Body;
    }
}
