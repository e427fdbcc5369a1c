namespace Greylane.Sandbox.Selectors;

/// <summary>One term of a field selector: <c>field=value</c> (or <c>==</c>) or <c>field!=value</c>.</summary>
public sealed record FieldRequirement(string Field, bool Equal, string Value)
{
    /// <summary>The canonical text, escaping as apimachinery's <c>fields.EscapeValue</c>.</summary>
    public override string ToString() => $"{Field}{(Equal ? "=" : "!=")}{Escape(Value)}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
