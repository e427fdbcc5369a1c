namespace Greylane.Core.Analysis;

/// <summary>A query that got no Prometheus answer, and a message that says why and what to check.</summary>
public sealed record QueryFailure(QueryFailureKind Kind, string Message, int? StatusCode = null);
