using System.Text.Json.Nodes;

namespace Greylane.Core.Admission;

/// <summary>One RFC 6902 operation; <see cref="Path"/> is an already escaped JSON pointer.</summary>
public sealed record PatchOperation(string Op, string Path, JsonNode? Value = null)
{
    /// <summary>Add a member (replacing it when present, which is what RFC 6902 <c>add</c> does for object members).</summary>
    public static PatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    /// <summary>Remove a member that exists.</summary>
    public static PatchOperation Remove(string path) => new("remove", path);

    /// <summary>Fail the whole patch unless the member holds this value.</summary>
    public static PatchOperation Test(string path, JsonNode? value) => new("test", path, value);

    /// <summary>True for operations that carry a value.</summary>
    public bool HasValue => Op is "add" or "test" or "replace";
}
