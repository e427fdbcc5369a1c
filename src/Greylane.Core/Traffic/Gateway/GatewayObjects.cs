using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>The live Gateway API routing objects of one release, as the controller (or <c>plan</c>) read them.</summary>
/// <param name="Routes">Every HTTPRoute and GRPCRoute that sends to the Service (named in the strategy or found by backendRef).</param>
/// <param name="Service">The stable Service (the canary Service copies its ports and selector; it is pinned to stable pods).</param>
public sealed record GatewayObjects(IReadOnlyList<JsonObject> Routes, JsonObject? Service);
