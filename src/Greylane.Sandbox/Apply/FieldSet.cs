namespace Greylane.Sandbox.Apply;

/// <summary>
/// A set of field paths as structured-merge-diff's <c>fieldpath.Set</c>: a trie whose nodes hold the path elements
/// that are members (the field itself is owned) and the children (something below it is owned). A node can be both:
/// that is the <c>.</c> entry of <c>FieldsV1</c>. Operations return new sets and never share nodes with their inputs.
/// </summary>
internal sealed partial class FieldSet
{
    private readonly SortedSet<PathElement> _members = [];
    private readonly SortedDictionary<PathElement, FieldSet> _children = [];

    /// <summary>The elements owned at this level.</summary>
    public IReadOnlyCollection<PathElement> Members => _members;

    /// <summary>The elements with something owned below them, in order.</summary>
    public IEnumerable<KeyValuePair<PathElement, FieldSet>> Children => _children;

    public bool IsEmpty => _members.Count == 0 && _children.Values.All(c => c.IsEmpty);

    /// <summary>Adds a path; the empty path (the whole object) is not tracked, as in the real library.</summary>
    public void Insert(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0)
            return;
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
            node = node.Descend(path[i]);
        node._members.Add(path[^1]);
    }

    public static FieldSet Of(IEnumerable<IReadOnlyList<PathElement>> paths)
    {
        var set = new FieldSet();
        foreach (var path in paths)
            set.Insert(path);
        return set;
    }

    public bool Has(IReadOnlyList<PathElement> path)
    {
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out node))
                return false;
        }

        return path.Count > 0 && node._members.Contains(path[^1]);
    }

    public bool HasMember(PathElement element) => _members.Contains(element);

    /// <summary>What is owned below <paramref name="element"/> (empty when nothing).</summary>
    public FieldSet WithPrefix(PathElement element) => _children.TryGetValue(element, out var child) ? child.Copy() : new FieldSet();

    /// <summary>Every path, members of a level before its children, as the real <c>Iterate</c>.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths()
    {
        foreach (var member in _members)
            yield return [member];
        foreach (var (element, child) in _children)
        {
            foreach (var rest in child.Paths())
                yield return [element, .. rest];
        }
    }

    public FieldSet Copy()
    {
        var copy = new FieldSet();
        copy._members.UnionWith(_members);
        foreach (var (element, child) in _children)
            copy._children[element] = child.Copy();
        return copy;
    }

    public bool SetEquals(FieldSet other) =>
        _members.SetEquals(other._members)
        && NonEmptyChildren().Count() == other.NonEmptyChildren().Count()
        && NonEmptyChildren().All(c => other._children.TryGetValue(c.Key, out var o) && c.Value.SetEquals(o));

    internal FieldSet Descend(PathElement element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }

        return child;
    }

    internal void AddMember(PathElement element) => _members.Add(element);

    internal void AddChild(PathElement element, FieldSet child)
    {
        if (!child.IsEmpty)
            _children[element] = child;
    }

    private IEnumerable<KeyValuePair<PathElement, FieldSet>> NonEmptyChildren() => _children.Where(c => !c.Value.IsEmpty);
}
