namespace Greylane.Core.PromQL;

/// <summary>The outcome of <see cref="TenancyScoper.Scope"/>: the scoped query text, or why it was refused (not PromQL, or reading another namespace).</summary>
internal sealed record ScopedQuery(string? Query, PromQLError? SyntaxError, ScopeRefusal? Refusal);
