namespace Greylane.Core.Strategy;

/// <summary>One problem in a strategy: the field path (e.g. <c>steps[1].weight</c>) and a message that says the fix.</summary>
public sealed record StrategyError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A parsed strategy, or every problem found in it.</summary>
public sealed record StrategyReadResult(RolloutStrategy? Strategy, IReadOnlyList<StrategyError> Errors)
{
    /// <summary>True when a strategy was read without problems.</summary>
    public bool IsValid => Strategy is not null && Errors.Count == 0;
}
