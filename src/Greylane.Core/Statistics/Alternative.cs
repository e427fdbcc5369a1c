namespace Greylane.Core.Statistics;

/// <summary>The one-sided alternative hypothesis of a two-sample test, about the first sample.</summary>
public enum Alternative
{
    /// <summary>The first sample tends to be smaller than the second.</summary>
    Less,

    /// <summary>The first sample tends to be larger than the second.</summary>
    Greater,
}
