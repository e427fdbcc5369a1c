using YamlDotNet.Core;

namespace Greylane.Core.Serialization;

/// <summary>A YAML document that parses but goes beyond a <see cref="YamlReadOptions"/> bound; <see cref="Limit"/> says which.</summary>
public sealed class YamlLimitException : YamlException
{
    /// <summary>A document past <paramref name="limit"/> at <paramref name="at"/>.</summary>
    public YamlLimitException(YamlLimit limit, Mark at, string message)
        : base(at, at, message)
    {
        Limit = limit;
    }

    /// <summary>Which bound was passed.</summary>
    public YamlLimit Limit { get; }
}

/// <summary>The bounds of <see cref="YamlReadOptions"/>.</summary>
public enum YamlLimit
{
    /// <summary>Nested deeper than <see cref="YamlReadOptions.MaxDepth"/>.</summary>
    Depth,

    /// <summary>An alias where <see cref="YamlReadOptions.AllowAliases"/> is false.</summary>
    Alias,

    /// <summary>Aliases that would expand to far more than the document itself ("billion laughs").</summary>
    AliasExpansion,
}
