namespace Greylane.Sandbox.Apply;

/// <summary>
/// A key of a map: its type, whether it is a declared field of a struct (a map key or an undeclared field is owned
/// itself as well as what is under it) and whether Go's zero value holds it as <c>{}</c> (a non-pointer struct).
/// </summary>
internal sealed record Member(ApplyType Type, bool Declared, bool Zero);
