namespace Greylane.Core.PromQL;

/// <summary>Thrown by <see cref="PromQLParser"/> for a query that is not valid PromQL; <see cref="Error"/> says where and why.</summary>
internal sealed class PromQLException(PromQLError error) : Exception(error.ToString())
{
    public PromQLError Error { get; } = error;
}
