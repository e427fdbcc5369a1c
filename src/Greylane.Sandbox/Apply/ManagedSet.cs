namespace Greylane.Sandbox.Apply;

/// <summary>What one manager owns, at which API version, and whether it got there by apply (<c>fieldpath.VersionedSet</c>).</summary>
internal sealed record ManagedSet(FieldSet Set, string ApiVersion, bool Applied);
