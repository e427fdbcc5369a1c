using System.Text.Json;
using Greylane.Core.Analysis;

namespace Greylane.Core.Admission;

/// <summary>What the decision is made from: the operation, the stored object and the object being written, and the dry-run flag.</summary>
public sealed record AdmissionInput(AdmissionOperation Operation, JsonElement? OldObject, JsonElement? NewObject, bool DryRun = false)
{
    /// <summary>The operator's tenancy setting, which strategy queries are judged against (on by default, as the controller's).</summary>
    public QueryTenancy Tenancy { get; init; } = QueryTenancy.On;
}
