namespace Greylane.Core.PromQL;

/// <summary>Walks a parsed query.</summary>
internal static class ExprTree
{
    /// <summary>The direct sub-expressions of <paramref name="expr"/>, in the order they are written.</summary>
    public static IReadOnlyList<Expr> Children(Expr expr) => expr switch
    {
        MatrixSelector m => [m.Selector],
        SubqueryExpr s => [s.Inner],
        CallExpr c => c.Args,
        AggregateExpr a => a.Args,
        BinaryExpr b => [b.Left, b.Right],
        UnaryExpr u => [u.Operand],
        ParenExpr p => [p.Inner],
        _ => [],
    };

    /// <summary>Every vector selector in <paramref name="expr"/> (also inside range selectors and subqueries), in text order.</summary>
    public static IEnumerable<VectorSelector> Selectors(Expr expr)
    {
        var pending = new Stack<Expr>([expr]);
        while (pending.TryPop(out var next))
        {
            if (next is VectorSelector selector)
            {
                yield return selector;
            }

            var children = Children(next);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }
}
