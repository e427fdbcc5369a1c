namespace Greylane.Sandbox.Apply;

/// <summary>An apply that would take fields other managers own, without <c>force</c> (answered 409 Conflict).</summary>
internal sealed class ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts) : Exception(ConflictMessage.Of(conflicts))
{
    public IReadOnlyList<ApplyConflict> Conflicts { get; } = conflicts;
}
