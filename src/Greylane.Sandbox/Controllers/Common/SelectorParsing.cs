using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>Parses a metav1.LabelSelector for a controller; an invalid one (the API would have rejected it) gives null: nothing to do.</summary>
internal static class SelectorParsing
{
    public static LabelSelector? TryParse(JsonObject? selector)
    {
        try
        {
            return LabelSelector.FromJson(selector);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
