namespace Greylane.Sandbox.Api;

/// <summary>One validation error: the field path, the cause reason (FieldValueRequired, FieldValueInvalid…) and the detail.</summary>
internal sealed record FieldProblem(string Field, string Reason, string Detail)
{
    public static FieldProblem Required(string field) => new(field, "FieldValueRequired", "Required value");

    public static FieldProblem Invalid(string field, string detail) => new(field, "FieldValueInvalid", detail);

    public override string ToString() => $"{Field}: {Detail}";
}
