namespace Greylane.Core.PromQL;

/// <summary>
/// Why a query is not valid PromQL: what was found, where (a 0-based character offset) and what was expected, read as
/// <c>unexpected ',' at offset 17: expected a label matcher</c>.
/// </summary>
internal sealed record PromQLError(int Offset, string Problem, string? Expected = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Expected is null ? $"{Problem} at offset {Offset}" : $"{Problem} at offset {Offset}: {Expected}";
}
