namespace Greylane.Core.Analysis;

/// <summary>Which pods a compared query reads.</summary>
public enum MeasuredSide
{
    /// <summary>The canary pods (<c>destination_canonical_revision="&lt;release&gt;"</c>).</summary>
    Canary,

    /// <summary>Every other pod of the service (<c>destination_canonical_revision!="&lt;release&gt;"</c>).</summary>
    Stable,
}
