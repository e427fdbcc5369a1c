using System.Text.Json;

namespace Greylane.Core.Admission;

/// <summary>What the decision is made from: the operation, the stored object and the object being written, and the dry-run flag.</summary>
public sealed record AdmissionInput(AdmissionOperation Operation, JsonElement? OldObject, JsonElement? NewObject, bool DryRun = false);
