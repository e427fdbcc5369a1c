namespace Greylane.Sandbox.Apply;

/// <summary>The message of an apply conflict, worded as kube-apiserver's <c>NewConflictError</c>.</summary>
internal static class ConflictMessage
{
    public static string Of(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with {ManagerId.Display(conflicts[0].Manager)}: {PathElement.PathText(conflicts[0].Path)}";
        var lines = conflicts.GroupBy(c => c.Manager).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with {ManagerId.Display(g.Key)}:" }.Concat(g.Select(c => $"- {PathElement.PathText(c.Path)}")));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }

    /// <summary>One <c>details.causes</c> entry per conflicting field.</summary>
    public static IEnumerable<(string Message, string Field)> Causes(IReadOnlyList<ApplyConflict> conflicts) =>
        conflicts.Select(c => ($"conflict with {ManagerId.Display(c.Manager)}", PathElement.PathText(c.Path)));
}
