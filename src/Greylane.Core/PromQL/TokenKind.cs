namespace Greylane.Core.PromQL;

/// <summary>The kinds of PromQL tokens. Keywords (<c>sum</c>, <c>by</c>, <c>offset</c>…) are identifiers: which one a word is depends on where it stands.</summary>
internal enum TokenKind
{
    /// <summary>The end of the input.</summary>
    End,

    /// <summary>A lexing error; the token's text is the reason.</summary>
    Error,

    /// <summary>A name without colons: a metric, label, function or keyword.</summary>
    Identifier,

    /// <summary>A name with a colon (a recording rule's metric name, e.g. <c>job:requests:rate5m</c>).</summary>
    MetricIdentifier,

    Number,
    Duration,

    /// <summary>A quoted string, with its quotes; <see cref="PromQLString.Unquote"/> gives its value.</summary>
    String,

    /// <summary>A <c>{{variable}}</c> of a query template outside any string (template lexing only).</summary>
    Placeholder,

    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,

    /// <summary><c>=</c>, the equality label matcher.</summary>
    Assign,

    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c>, a comparison or a label matcher.</summary>
    NotEqual,

    /// <summary><c>=~</c>, inside braces only.</summary>
    RegexMatch,

    /// <summary><c>!~</c>, inside braces only.</summary>
    RegexNoMatch,

    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}
