namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>EnsureNamedFieldsAreMembers</c>: declared struct fields that have owned children become
/// members themselves, so that pruning removes a struct whose owned content is gone.
/// </summary>
internal static class NamedFields
{
    public static FieldSet Ensure(FieldSet set, ApplyType type)
    {
        var result = new FieldSet();
        var map = type.MapView;
        foreach (var member in set.Members)
            result.AddMember(member);
        foreach (var (element, child) in set.Children)
        {
            var childType = ApplyType.Leaf;
            if (element.Kind == PathElementKind.Field && map is not null)
            {
                var field = map.Field(element.FieldName!);
                childType = field.Type;
                if (field.Declared)
                    result.AddMember(element);
            }
            else if (element.Kind == PathElementKind.Key && type.ListView is { } list)
            {
                childType = list.Element;
            }

            result.AddChild(element, Ensure(child, childType));
        }

        return result;
    }
}
