using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>One route Greylane writes, and the original route it came from (null for a route Greylane added).</summary>
internal sealed record WrittenRoute(string Kind, JsonObject Route, JsonObject? Original);
