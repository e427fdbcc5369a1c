using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// An object with Greylane's changes taken back. <see cref="Untouched"/>: no one else changed it during the release, so it is
/// exactly the original; otherwise <see cref="Notes"/> say whose edits survived (for the release status).
/// </summary>
public sealed record RestoreResult(JsonObject Restored, bool Untouched, IReadOnlyList<string> Notes);
