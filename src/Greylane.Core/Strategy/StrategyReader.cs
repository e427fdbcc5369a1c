namespace Greylane.Core.Strategy;

/// <summary>Reads and validates <c>greylane.dev/strategy</c> (YAML or JSON), over an optional shared ConfigMap strategy.</summary>
public static class StrategyReader
{
    /// <summary>
    /// Parse <paramref name="inline"/> over <paramref name="shared"/> (inline keys win); both absent → <see cref="RolloutStrategy.Default"/>.
    /// Every problem is returned at once.
    /// </summary>
    // SKELETON: issue 4 (strategy helper) replaces this body with the real parser and validator.
    public static StrategyReadResult Read(string? inline, string? shared = null) =>
        string.IsNullOrWhiteSpace(inline) && string.IsNullOrWhiteSpace(shared)
            ? new(RolloutStrategy.Default, [])
            : new(null, [new StrategyError("strategy", "strategy parsing is not built yet")]);
}
