namespace Greylane.Sandbox.Apply;

/// <summary>The real walkers' <c>deduceAtom</c> for two sides: the right side decides, a disagreement is a leaf.</summary>
internal static class ShapeOf
{
    public static ApplyType Pair(ApplyType type, Slot left, Slot right)
    {
        var rightShape = right.Present && right.Value is not null ? type.For(right.Value) : null;
        var leftShape = left.Present && left.Value is not null ? type.For(left.Value) : null;
        if (rightShape is not null && leftShape is not null && Kind(rightShape) != Kind(leftShape))
            return ApplyType.Leaf;
        return rightShape ?? leftShape ?? type.For(null);
    }

    private static int Kind(ApplyType shape) => shape switch
    {
        MapShape => 1,
        ListShape => 2,
        _ => 0,
    };
}
