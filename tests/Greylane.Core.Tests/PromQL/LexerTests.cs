using Greylane.Core.PromQL;

namespace Greylane.Core.PromQL.Tests;

/// <summary>Number, duration, identifier and string cases from Prometheus' promql/parser/lex_test.go.</summary>
public sealed class LexerTests
{
    [Theory]
    [InlineData("1", nameof(TokenKind.Number))]
    [InlineData("4.23", nameof(TokenKind.Number))]
    [InlineData(".3", nameof(TokenKind.Number))]
    [InlineData("5.", nameof(TokenKind.Number))]
    [InlineData("0x123", nameof(TokenKind.Number))]
    [InlineData("00_1_23_4.56_7_8", nameof(TokenKind.Number))]
    [InlineData("0x1_2_34", nameof(TokenKind.Number))]
    [InlineData("1.e2", nameof(TokenKind.Number))]
    [InlineData("1e1_2_34", nameof(TokenKind.Number))]
    [InlineData("5s", nameof(TokenKind.Duration))]
    [InlineData("123m", nameof(TokenKind.Duration))]
    [InlineData("1h", nameof(TokenKind.Duration))]
    [InlineData("3w", nameof(TokenKind.Duration))]
    [InlineData("1y", nameof(TokenKind.Duration))]
    [InlineData("1h30m", nameof(TokenKind.Duration))]
    [InlineData("abc", nameof(TokenKind.Identifier))]
    [InlineData("_1_2", nameof(TokenKind.Identifier))]
    [InlineData("Infoo", nameof(TokenKind.Identifier))]
    [InlineData("a:bc", nameof(TokenKind.MetricIdentifier))]
    [InlineData(":bc", nameof(TokenKind.MetricIdentifier))]
    [InlineData("\"test\\tsequence\"", nameof(TokenKind.String))]
    [InlineData("\"test\\\\.expression\"", nameof(TokenKind.String))]
    [InlineData("`test\\.expression`", nameof(TokenKind.String))]
    [InlineData("'it\\'s'", nameof(TokenKind.String))]
    public void One_token_is_read(string input, string kind)
    {
        var tokens = Lexer.Tokenize(input);

        Assert.Equal([Enum.Parse<TokenKind>(kind), TokenKind.End], tokens.Select(t => t.Kind));
        Assert.Equal(input, tokens[0].Text);
    }

    [Theory]
    [InlineData("1..2")]
    [InlineData("1.2.")]
    [InlineData("00_1_23__4.56_7_8")]
    [InlineData("00_1_23_4._56_7_8")]
    [InlineData("00_1_23_4_.56_7_8")]
    [InlineData("0x1_2__34")]
    [InlineData("0x1_2__34.5_6p1")]
    [InlineData("0x1_2__34.5_6")]
    [InlineData("0x1_2__34.56")]
    [InlineData("1_e2")]
    [InlineData("1e.2")]
    [InlineData("1e+.2")]
    [InlineData("1ee2")]
    [InlineData("1e+e2")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e_1_2_34")]
    [InlineData("1e1_2__34")]
    [InlineData("1e+_1_2_34")]
    [InlineData("1e-_1_2_34")]
    [InlineData("12_")]
    [InlineData("0a:bc")]
    [InlineData("\"test\\.expression\"")]
    [InlineData(".٩")]
    [InlineData("台北")]
    [InlineData("{0a='a'}")]
    [InlineData("{foo:a=\"bar\"}")]
    [InlineData("{alert!#\"bar\"}")]
    [InlineData("=~")]
    [InlineData("!~")]
    [InlineData("!(")]
    [InlineData("1a")]
    [InlineData("{{")]
    [InlineData("[[")]
    [InlineData("]")]
    public void A_lexing_error_ends_the_tokens(string input)
    {
        Assert.Equal(TokenKind.Error, Lexer.Tokenize(input)[^1].Kind);
    }

    [Fact]
    public void Inside_braces_keywords_are_label_names_and_matchers_are_operators()
    {
        var tokens = Lexer.Tokenize("{on!~\"bar\", NaN\t!= \"x\", alert=~'y'}");

        Assert.Equal(
            [TokenKind.LeftBrace, TokenKind.Identifier, TokenKind.RegexNoMatch, TokenKind.String, TokenKind.Comma, TokenKind.Identifier, TokenKind.NotEqual,
             TokenKind.String, TokenKind.Comma, TokenKind.Identifier, TokenKind.RegexMatch, TokenKind.String, TokenKind.RightBrace, TokenKind.End],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void In_templates_a_variable_outside_strings_is_one_token_and_inside_strings_is_text()
    {
        var tokens = Lexer.Tokenize("rate(x{pod=~\"{{deployment}}-.*\"}[{{interval}}])", templates: true);

        Assert.Contains(tokens, t => t.Kind == TokenKind.String && t.Text == "\"{{deployment}}-.*\"");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Placeholder && t.Text == "{{interval}}");
        Assert.Equal(TokenKind.End, tokens[^1].Kind);
    }
}
