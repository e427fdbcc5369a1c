using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Describes the edits of others that a restore kept.</summary>
internal static class RestoreNotes
{
    /// <summary>One note per top-level spec field that differs from the original.</summary>
    public static void Differences(string subject, JsonObject spec, JsonObject? origin, List<string> notes)
    {
        if (origin is null)
        {
            return;
        }

        foreach (var key in spec.Select(p => p.Key).Union(origin.Select(p => p.Key)))
        {
            if (!Json.Same(spec[key], origin[key]))
            {
                notes.Add($"{subject}: spec.{key} was changed by someone else during the release; kept their version");
            }
        }
    }
}
