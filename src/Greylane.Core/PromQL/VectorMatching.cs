namespace Greylane.Core.PromQL;

/// <summary><c>on(…)</c> or <c>ignoring(…)</c> of a binary operation, with <c>group_left(…)</c>/<c>group_right(…)</c> when written (<see cref="Group"/> <c>left</c>/<c>right</c>).</summary>
internal sealed record VectorMatching(bool On, IReadOnlyList<string> Labels, string? Group, IReadOnlyList<string> Include);
