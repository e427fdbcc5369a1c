namespace Greylane.Core.Traffic;

/// <summary>Whether Greylane's changes are in place on a live object; <see cref="Missing"/> says what someone reverted.</summary>
public sealed record DriftReport(IReadOnlyList<string> Missing)
{
    /// <summary>True when every change Greylane wants is on the live object (other edits do not count).</summary>
    public bool InPlace => Missing.Count == 0;
}
