using Greylane.Core.Strategy;
using Greylane.Core.Strategy.Re2;

namespace Greylane.Core.Strategy.Tests;

/// <summary>The RE2 check against RE2's own verdicts: inputs from re2/testing/parse_test.cc, sizes measured with RE2.</summary>
public sealed class Re2CheckTests
{
    // re2/testing/parse_test.cc: the patterns of its main table (all parse with RE2's Perl-like flags).
    public static TheoryData<string> Re2Valid => new(
        "a", "a.", "a.b", "ab", "a.b.c", "abc", "a|^", "a|b", "(a)", "(a)|b", "a*", "a+", "a?", "a{2}", "a{2,3}", "a{2,}", "a*?", "a+?",
        "a??", "a{2}?", "a{2,3}?", "a{2,}?", "", "|", "|x|", ".", "^", "$", "\\|", "\\(", "\\)", "\\*", "\\+", "\\?", "{", "}", "\\.", "\\^",
        "\\$", "\\\\", "[ace]", "[abc]", "[a-z]", "[a]", "\\-", "-", "\\_", "[[:lower:]]", "[^[:lower:]]", "[[:^lower:]]",
        "(?i)[[:lower:]]", "(?i)[a-z]", "(?i)[^[:lower:]]", "(?i)[[:^lower:]]", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "(?i)\\w",
        "(?i)\\W", "[^\\\\]", "\\p{Braille}", "\\P{Braille}", "\\p{^Braille}", "\\P{^Braille}", "a{,2}", "\\.\\^\\$\\\\", "[a-zABC]",
        "[^a]", "a*{", "(?:ab)*", "(ab)*", "ab|cd", "a(b|c)d", "(?:(?:a)*)*", "(?:(?:a)+)+", "(?:(?:a)?)?", "(?:(?:a)*)+",
        "(?:(?:a)*)?", "(?:(?:a)+)*", "(?:(?:a)+)?", "(?:(?:a)?)*", "(?:(?:a)?)+", "(?:a)", "(?:ab)(?:cd)", "(?:a|b)|(?:c|d)", "a|c",
        "a|[cd]", "a|.", "[ab]|c", "[ab]|[cd]", "[ab]|.", ".|c", ".|[cd]", ".|.", "\\Q+|*?{[\\E", "\\Q+\\E+", "\\Q\\\\E", "\\Q\\\\\\E",
        "\\Qa\\E*", "\\Qab\\E*", "\\Qabc\\E*", "(?m)^", "(?m)$", "(?-m)^", "(?-m)$", "(?m)\\A", "(?m)\\z", "(?-m)\\A", "(?-m)\\z",
        "(?P<name>a)", "(?<name>a)", "[Aa]", "abcde", "[Aa][Bb]cd", "[\\s\\S]",
        // only_perl, and the nested repetitions at the limit (9 × {2} = 512; 2³ × 5³ = 1000).
        "[a-b-c]", "\\Qabc\\E", "\\Q*+?{[\\E", "((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))", "((((((x{2}){2}){2}){5}){5}){5})");

    [Theory]
    [MemberData(nameof(Re2Valid))]
    public void Patterns_re2_parses_are_accepted(string pattern)
    {
        Assert.Null(Re2Check.Problem(pattern));
    }

    // re2/testing/parse_test.cc: badtests and only_posix (bad with Perl's flags, which Envoy's RE2 uses).
    [Theory]
    [InlineData("(", "missing ) for the group opened at offset 0")]
    [InlineData(")", "unexpected ) at offset 0")]
    [InlineData("(a|b|", "missing ) for the group opened at offset 0")]
    [InlineData("[a-z", "missing ] for the class opened at offset 0")]
    [InlineData("([a-z)", "missing ] for the class opened at offset 1")]
    [InlineData("x{1001}", "invalid repetition size \"{1001}\" at offset 1")]
    [InlineData("(?P<name", "invalid named capture group \"(?P<name\" at offset 0")]
    [InlineData("(?P<x y>a)", "invalid named capture group \"(?P<x y>\" at offset 0")]
    [InlineData("(?<>a)", "invalid named capture group \"(?<>\" at offset 0")]
    [InlineData("[a-Z]", "invalid character class range \"a-Z\" at offset 1")]
    [InlineData("(?i)[a-Z]", "invalid character class range \"a-Z\" at offset 5")]
    [InlineData("a{100000}", "invalid repetition size \"{100000}\" at offset 1")]
    [InlineData("a{100000,}", "invalid repetition size \"{100000,}\" at offset 1")]
    [InlineData("((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})", "invalid repetition size \"{2}\" at offset 47")]
    [InlineData("(((x{7}){11}){13})", "invalid repetition size \"{13}\" at offset 13")]
    [InlineData("\\Q\\E*", "missing argument to repetition operator \"*\" at offset 4")]
    [InlineData("a**", "bad repetition operator \"**\" at offset 1")]
    [InlineData("a?*", "bad repetition operator \"?*\" at offset 1")]
    [InlineData("a{1}*", "bad repetition operator \"{1}*\" at offset 1")]
    [InlineData("a\\", "trailing \\ at offset 1")]
    [InlineData("[\\8]", "invalid escape sequence \"\\8\" at offset 1")]
    [InlineData("\\x{110000}", "invalid escape sequence \"\\x{110000\" at offset 0")]
    [InlineData("[[:foo:]]", "invalid character class range \"[:foo:]\" at offset 1")]
    [InlineData("\\p{Klingon}", "unknown Unicode class \"\\p{Klingon}\" at offset 0")]
    [InlineData("(?i-)a", "invalid perl operator \"(?i-)\" at offset 0")]
    public void Patterns_re2_refuses_are_refused_with_re2s_reason_and_the_offset(string pattern, string reason)
    {
        var problem = Re2Check.Problem(pattern);

        Assert.StartsWith($"is not a valid regular expression ({reason})", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?=x)", "lookahead \"(?=\" at offset 0")]
    [InlineData("a(?<=x)", "lookbehind \"(?<=\" at offset 1")]
    [InlineData("(?>a+)", "an atomic group \"(?>\" at offset 0")]
    [InlineData("(?(x)a|b)", "a conditional \"(?(\" at offset 0")]
    [InlineData("(?<open-close>x)", "a balancing group \"(?<open-close>\" at offset 0")]
    [InlineData("(a)\\1", "a backreference \"\\1\" at offset 3")]
    [InlineData("(?<x>a)\\k<x>", "a named backreference \"\\k<\" at offset 7")]
    [InlineData("(?P<x>a)(?P=x)", "a named backreference \"(?P=\" at offset 8")]
    [InlineData("a\\Z", "the anchor \"\\Z\" at offset 1")]
    [InlineData("\\Ga", "the anchor \"\\G\" at offset 0")]
    [InlineData("\\p{IsGreek}+", "the .NET Unicode block \"\\p{IsGreek}\" at offset 0")]
    [InlineData("[a-z-[aeiou]]", "character class subtraction \"-[\" at offset 4")]
    [InlineData("(?x)a b", "the flag x (free-spacing) in \"(?x\" at offset 0")]
    [InlineData("(?n)(a)", "the flag n (explicit capture) in \"(?n\" at offset 0")]
    [InlineData("a++", "a possessive quantifier \"++\" at offset 1")]
    [InlineData("a{2}+", "a possessive quantifier \"{2}+\" at offset 1")]
    [InlineData("\\u0041", "the escape \"\\u\" at offset 0")]
    [InlineData("(?'x'a)", "a .NET named group \"(?'\" at offset 0")]
    [InlineData("\\C", "\\C (any single byte) at offset 0")]
    public void Constructs_of_other_engines_are_named_with_their_offset(string pattern, string construct)
    {
        Assert.StartsWith($"uses {construct}, which ", Re2Check.Problem(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dotnet_block_points_to_the_re2_script()
    {
        Assert.EndsWith("; write \\p{Greek} for the Greek script", Re2Check.Problem("\\p{IsGreek}+"), StringComparison.Ordinal);
    }

    // ProgramSize() of RE2 itself for each pattern: the estimate follows RE2's compiler.
    [Theory]
    [InlineData("", 4)]
    [InlineData("abc", 7)]
    [InlineData("a{2,5}", 12)]
    [InlineData("[a-zA-Z0-9_]", 7)]
    [InlineData("[α-ω]", 8)]
    [InlineData("[^a]", 12)]
    [InlineData(".{100}", 804)]
    [InlineData(".{1000}", 8004)]
    [InlineData("\\pL", 1197)]
    [InlineData("\\p{Greek}{100}", 6204)]
    [InlineData("\\pL{27}", 32215)]
    [InlineData("\\pL{28}", 33408)]
    public void The_program_size_is_estimated_as_re2_compiles_it(string pattern, int re2ProgramSize)
    {
        Assert.Equal(re2ProgramSize, Re2Parser.Parse(pattern).Instructions + 4);
    }

    [Fact]
    public void A_program_over_istios_envoy_limit_is_refused_with_the_limit_named()
    {
        Assert.Null(Re2Check.Problem("\\pL{27}"));
        Assert.Equal(
            "compiles to an RE2 program of about 33408 instructions; Envoy under Istio refuses programs over 32768 (re2.max_program_size.error_level); "
            + "use fewer or smaller repetitions, or smaller classes than \\pL",
            Re2Check.Problem("\\pL{28}"));
    }

    [Fact]
    public void Nested_repetitions_are_refused_before_anything_is_expanded()
    {
        Assert.Equal(
            "is not a valid regular expression (invalid repetition size \"{1000}\" at offset 10); nested repetitions multiply: keep their product at most 1000 (RE2's limit)",
            Re2Check.Problem("((a{1000}){1000}){1000}"));
    }

    [Fact]
    public void A_pattern_longer_than_istiod_accepts_is_refused()
    {
        Assert.Null(Re2Check.Problem(new string('a', 1024)));
        Assert.Equal(
            "is 1025 bytes long; istiod refuses VirtualService regular expressions over 1024 bytes; shorten the pattern",
            Re2Check.Problem(new string('a', 1025)));
        Assert.StartsWith("is 1026 bytes long", Re2Check.Problem(new string('a', 1024) + "é"), StringComparison.Ordinal);
    }
}
