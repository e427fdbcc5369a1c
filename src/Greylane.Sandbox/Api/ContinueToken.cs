using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Api;

/// <summary>The opaque <c>continue</c> value of a paged list: where the next page starts.</summary>
internal static class ContinueToken
{
    public static string Encode(long version, string ns, string name) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = version, ["ns"] = ns, ["start"] = name }.ToJsonString()));

    public static (string Namespace, string Name) Decode(string token)
    {
        try
        {
            var obj = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token))) as JsonObject;
            return (obj?["ns"]?.GetValue<string>() ?? throw new FormatException("no namespace"), obj["start"]?.GetValue<string>() ?? throw new FormatException("no start"));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {ex.Message}; pass the continue value of the previous list response unchanged");
        }
    }
}
