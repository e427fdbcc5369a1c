namespace Greylane.Core.Admission;

/// <summary>The answer to one admission request: allowed or denied (code, message), the JSON patch, and warnings for the person.</summary>
public sealed record AdmissionDecision(
    bool Allowed,
    int Code,
    string? Message,
    IReadOnlyList<PatchOperation> Patch,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Allowed as sent.</summary>
    public static AdmissionDecision Allow { get; } = new(true, 200, null, [], []);

    /// <summary>Allowed with a patch and warnings (either may be empty).</summary>
    public static AdmissionDecision AllowWith(IReadOnlyList<PatchOperation> patch, IReadOnlyList<string> warnings) =>
        patch.Count == 0 && warnings.Count == 0 ? Allow : new(true, 200, null, patch, warnings);

    /// <summary>Denied with an HTTP-style code and a message that names the problem and the fix.</summary>
    public static AdmissionDecision Deny(int code, string message) => new(false, code, message, [], []);

    /// <summary>True when the answer changes the object.</summary>
    public bool HasPatch => Patch.Count > 0;
}
