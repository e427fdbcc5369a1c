namespace Greylane.Sandbox.Apply;

/// <summary>Set algebra with the real library's semantics (members and children combine separately).</summary>
internal sealed partial class FieldSet
{
    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result._members.UnionWith(other._members);
        foreach (var (element, child) in other._children)
        {
            result._children[element] = result._children.TryGetValue(element, out var mine) ? mine.Union(child) : child.Copy();
        }

        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(other._members.Contains));
        foreach (var (element, child) in _children)
        {
            if (other._children.TryGetValue(element, out var theirs))
                result.AddChild(element, child.Intersection(theirs));
        }

        return result;
    }

    /// <summary>Members of <paramref name="other"/> leave this level only; children are subtracted child by child.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            result.AddChild(element, other._children.TryGetValue(element, out var theirs) ? child.Difference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Like <see cref="Difference"/>, but a member of <paramref name="other"/> also removes everything below it.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            if (other._members.Contains(element))
                continue;
            result.AddChild(element, other._children.TryGetValue(element, out var theirs) ? child.RecursiveDifference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Only what lies under the top-level field <paramref name="name"/> (a subresource's view).</summary>
    public FieldSet OnlyUnder(string name)
    {
        var result = new FieldSet();
        var field = PathElement.Field(name);
        if (_members.Contains(field))
            result._members.Add(field);
        if (_children.TryGetValue(field, out var child))
            result.AddChild(field, child.Copy());
        return result;
    }
}
