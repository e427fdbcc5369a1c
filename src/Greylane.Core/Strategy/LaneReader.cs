using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>traffic.lane</c> and its optional gateway <c>dye</c>.</summary>
internal static class LaneReader
{
    public static LaneSpec? Read(JsonNode? node, FieldReader fields)
    {
        const string path = "traffic.lane";
        var lane = fields.Object(node, path, StrategyFields.Lane);
        if (lane is null)
        {
            return null;
        }

        var header = HttpNames.RequiredHeader(fields, lane["header"], $"{path}.header", "name the header that marks lane traffic, e.g. header: my-request-id");
        var value = fields.RequiredString(lane["value"], $"{path}.value", "write the header value of the lane, e.g. value: canary");
        var dye = ReadDye(lane["dye"], fields);
        return header is null || value is null ? null : new LaneSpec(header, value, dye);
    }

    private static DyeSpec? ReadDye(JsonNode? node, FieldReader fields)
    {
        const string path = "traffic.lane.dye";
        var dye = fields.Object(node, path, StrategyFields.Dye);
        if (dye is null)
        {
            return null;
        }

        var fromHeader = HttpNames.RequiredHeader(fields, dye["fromHeader"], $"{path}.fromHeader", "name the request header to dye from, e.g. fromHeader: agent");
        var fromValue = fields.RequiredString(dye["fromValue"], $"{path}.fromValue", "write the value that sends a request into the lane, e.g. fromValue: pc");

        // Absent: every other request gets the lane header emptied, so only the gateway's verdict puts a request in the lane.
        var otherwise = fields.String(dye["otherwise"], $"{path}.otherwise") ?? "";
        return fromHeader is null || fromValue is null ? null : new DyeSpec(fromHeader, fromValue, otherwise);
    }
}
