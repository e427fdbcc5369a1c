namespace Greylane.Core.Traffic;

/// <summary>One refusal of routing discovery: its kind and the message that names the objects and the fix.</summary>
public sealed record RoutingProblem(RoutingProblemKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
