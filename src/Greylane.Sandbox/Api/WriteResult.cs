using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Api;

/// <summary>A write's response: HTTP code, body and the admission warnings to send as headers.</summary>
internal sealed record WriteResult(int Code, JsonObject Body, IReadOnlyList<string> Warnings);
