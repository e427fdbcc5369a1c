using System.Globalization;
using System.Text;
using System.Text.Json;
using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

/// <summary>Thousands of mangled strategies (fixed seed; GREYLANE_FUZZ_SEED changes it): each is read or refused, never thrown.</summary>
public sealed class StrategyFuzzTests
{
    private const int Count = 4000;

    private static readonly string[] Bases =
    [
        StrategyExampleTests.DesignExample,
        """{"steps":[{"replicas":1,"matches":[{"headers":[{"name":"x","type":"RegularExpression","value":"^c(a|b)+$"}]}]}]}""",
        "steps:\n  - replicas: 1\n    matches: [{path: {type: RegularExpression, value: '/api/v[0-9]+'}}]\n  - weight: 50\n",
        "canaryLabels: {version: canary}\nprogressDeadline: 5m\n",
    ];

    private static readonly string[] Pieces =
    [
        "\t", "\t\t: x", ": ", "- ", "[", "]", "{", "}", "\"", "'", "&a ", "*a", "!<> ", "!!str ", "!!binary ", "%YAML 1.2\n---\n",
        "%TAG ! !\n", "---\n", "\n", "  ", "? ", "|\n", ">-\n", "#", "\\", "\0", "\ud800", "\udc00", "\uffff", "1e400", "-1",
        "~", "...", "@", "`", ",", "0x1F", "\"\\ud800\"", "\"\\x\"", "(?<a-b>x)", "a{1001}", "((a{1000}){1000}){1000}", "\\p{IsGreek}",
        "[[:alpha:]]", "(?P<n>x)", "\\Q*\\E", "[a-z-[aeiou]]", "a++", "(?=x)", "\\1", "\u200b", "\r\n", "\r",
    ];

    [Fact]
    public void Mangled_strategies_are_read_or_refused_but_never_throw()
    {
        var seed = Seed();
        var random = new Random(seed);
        for (var i = 0; i < Count; i++)
        {
            var text = Mangle(random, Bases[random.Next(Bases.Length)]);
            try
            {
                var read = StrategyReader.Read(text, random.Next(4) == 0 ? Mangle(random, Bases[0]) : null);
                Assert.True(read.IsValid || read.Errors.Count > 0);
                Assert.All(read.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                _ = StrategyReader.CheckPartial(text);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}, case {i}: {JsonSerializer.Serialize(text)} threw {e}");
            }
        }
    }

    internal static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("GREYLANE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 1313;

    private static string Mangle(Random random, string text)
    {
        var result = new StringBuilder(text);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(result.Length + 1);
            switch (random.Next(5))
            {
                case 0 or 1:
                    result.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2 when at < result.Length:
                    result.Remove(at, Math.Min(result.Length - at, random.Next(1, 12)));
                    break;
                case 3 when at < result.Length:
                    result.Insert(at, result.ToString(at, Math.Min(result.Length - at, random.Next(1, 40))));
                    break;
                default:
                    result.Insert(at, (char)random.Next(0, 0x3000));
                    break;
            }
        }

        return result.ToString();
    }
}
