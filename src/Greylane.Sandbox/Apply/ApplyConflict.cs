namespace Greylane.Sandbox.Apply;

/// <summary>A field an apply would change that another manager owns.</summary>
internal sealed record ApplyConflict(string Manager, IReadOnlyList<PathElement> Path);
