namespace Greylane.Sandbox.Selectors;

/// <summary>The operators of a Kubernetes label selector requirement.</summary>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>.</summary>
    Equals,

    /// <summary><c>key==value</c>.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>: matches when the label is absent too.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: matches when the label is absent too.</summary>
    NotIn,

    /// <summary><c>key</c>.</summary>
    Exists,

    /// <summary><c>!key</c>.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;n</c>: the label's value is an integer greater than n.</summary>
    GreaterThan,

    /// <summary><c>key&lt;n</c>: the label's value is an integer less than n.</summary>
    LessThan,
}
