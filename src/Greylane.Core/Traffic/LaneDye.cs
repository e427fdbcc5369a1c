using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>
/// The seed's gateway EnvoyFilter that dyes requests into a lane: a Lua filter before the router sets the lane header to
/// the lane value when another header has a given value, and to the "otherwise" value for every other request.
/// </summary>
public static class LaneDye
{
    /// <summary>The seed's gateway pod labels (<c>app: istio-ingressgateway</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultGatewaySelector =
        new Dictionary<string, string> { ["app"] = "istio-ingressgateway" };

    /// <summary>
    /// The EnvoyFilter for <paramref name="lane"/>'s dye, in the ConfigMap's namespace and owned by it (owner references
    /// never cross namespaces), so deleting the shared strategy deletes it.
    /// </summary>
    public static JsonObject EnvoyFilter(
        LaneSpec lane,
        DyeSpec dye,
        string @namespace,
        Owner configMap,
        IReadOnlyDictionary<string, string>? gatewaySelector = null) => new()
        {
            ["apiVersion"] = "networking.istio.io/v1alpha3",
            ["kind"] = "EnvoyFilter",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"greylane-dye-{configMap.Name}",
                ["namespace"] = @namespace,
                ["ownerReferences"] = new JsonArray(configMap.ToReference()),
            },
            ["spec"] = new JsonObject
            {
                ["workloadSelector"] = new JsonObject { ["labels"] = Json.FromMap(gatewaySelector ?? DefaultGatewaySelector) },
                ["configPatches"] = new JsonArray(new JsonObject
                {
                    ["applyTo"] = "HTTP_FILTER",
                    ["match"] = new JsonObject
                    {
                        ["context"] = "GATEWAY",
                        ["listener"] = new JsonObject
                        {
                            ["filterChain"] = new JsonObject
                            {
                                ["filter"] = new JsonObject
                                {
                                    ["name"] = "envoy.filters.network.http_connection_manager",
                                    ["subFilter"] = new JsonObject { ["name"] = "envoy.filters.http.router" },
                                },
                            },
                        },
                    },
                    ["patch"] = new JsonObject
                    {
                        ["operation"] = "INSERT_BEFORE",
                        ["value"] = new JsonObject
                        {
                            ["name"] = "envoy.lua",
                            ["typed_config"] = new JsonObject
                            {
                                ["@type"] = "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua",
                                ["inlineCode"] = LuaCode(lane, dye),
                            },
                        },
                    },
                }),
            },
        };

    // replace, not the seed's add: a client-sent lane header must not survive next to the gateway's verdict.
    internal static string LuaCode(LaneSpec lane, DyeSpec dye) =>
        $"""
        function envoy_on_request(request_handle)
          local headers = request_handle:headers()
          if headers:get({Lua(dye.FromHeader)}) == {Lua(dye.FromValue)} then
            headers:replace({Lua(lane.Header)}, {Lua(lane.Value)})
          else
            headers:replace({Lua(lane.Header)}, {Lua(dye.OtherwiseValue)})
          end
        end

        """;

    // A Lua string literal; every character outside printable ASCII is escaped, so user text cannot break out of it.
    private static string Lua(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            _ = b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\'
                ? text.Append((char)b)
                : text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.Append('"').ToString();
    }
}
