using System.Text.Json.Nodes;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// One object the step still needs written: <see cref="Body"/> is created when <see cref="Live"/> is null, else replaced
/// (it carries the live resourceVersion). <see cref="Missing"/> says what of Greylane's routing the live object lacks.
/// </summary>
internal sealed record PendingWrite(JsonObject Body, JsonObject? Live, IReadOnlyList<string> Missing);
