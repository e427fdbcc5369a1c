using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>An owner of an object Greylane creates, so that deleting the owner garbage-collects it (never a controller reference).</summary>
public sealed record Owner(string ApiVersion, string Kind, string Name, string Uid)
{
    /// <summary>A ConfigMap owner (a shared strategy).</summary>
    public static Owner ConfigMap(string name, string uid) => new("v1", "ConfigMap", name, uid);

    /// <summary>A Deployment owner.</summary>
    public static Owner Deployment(string name, string uid) => new("apps/v1", "Deployment", name, uid);

    /// <summary>The <c>metadata.ownerReferences</c> entry.</summary>
    public JsonObject ToReference() => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = Kind,
        ["name"] = Name,
        ["uid"] = Uid,
    };
}
