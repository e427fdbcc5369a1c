namespace Greylane.Sandbox.Apply;

/// <summary>
/// A key of a map: its type, whether it is a declared field of a struct (a map key or an undeclared field is owned
/// itself as well as what is under it) and what Go's zero value of the parent holds there (<c>{}</c> for a
/// non-pointer struct, null for a list without omitempty; absent when the field is omitted).
/// </summary>
internal sealed record Member(ApplyType Type, bool Declared, Slot Zero);
