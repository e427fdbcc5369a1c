using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Reads the origin annotation for a restore, which must go on even when the annotation is missing or damaged.</summary>
internal static class RestoreOrigin
{
    public static JsonObject? Read(JsonObject live, List<string> notes)
    {
        try
        {
            var origin = OriginAnnotation.Read(live);
            if (origin is null)
            {
                notes.Add($"{Json.Describe(live)}: annotation {GreylaneKeys.Origin} is missing (removed by someone else?); took out only what Greylane recognisably added");
            }

            return origin;
        }
        catch (TrafficException e)
        {
            notes.Add($"{e.Message}; took out only what Greylane recognisably added");
            return null;
        }
    }
}
