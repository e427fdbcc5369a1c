using System.Text.Json;
using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

/// <summary>Small helpers that make strategy tests read as data.</summary>
internal static class StrategyAssert
{
    public static RolloutStrategy Valid(string? inline, string? shared = null)
    {
        var result = StrategyReader.Read(inline, shared);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Strategy!;
    }

    public static IReadOnlyList<string> Errors(string? inline, string? shared = null)
    {
        var result = StrategyReader.Read(inline, shared);
        Assert.Null(result.Strategy);
        Assert.NotEmpty(result.Errors);
        return [.. result.Errors.Select(e => e.ToString())];
    }

    /// <summary>Records holding lists compare by reference, so models are compared through their JSON.</summary>
    public static void SameModel(RolloutStrategy expected, RolloutStrategy actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
