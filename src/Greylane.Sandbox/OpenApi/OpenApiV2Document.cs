using System.Text;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.OpenApi;

/// <summary>
/// <c>/openapi/v2</c>: a Swagger 2.0 document that describes no types. Clients that validate manifests against it
/// (helm's client-side validation, kubectl's fallback when a kind's OpenAPI v3 does not advertise server-side field
/// validation) find no schema for a kind and skip validating it, as they do for a kind a real server does not
/// describe. A missing document instead fails them with "the server could not find the requested resource". helm and
/// kubectl ask for it in protobuf (gnostic's <c>openapi_v2.Document</c>); other clients get JSON.
/// </summary>
internal static class OpenApiV2Document
{
    /// <summary>The media type client-go's discovery client asks for.</summary>
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>The content type kube-apiserver answers the protobuf form with.</summary>
    public const string ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private const string Title = "Kubernetes";
    private const string Version = "v1.32.0";

    public static bool WantsProtobuf(string? accept) =>
        accept is not null && accept.Contains("com.github.proto-openapi.spec.v2", StringComparison.OrdinalIgnoreCase);

    public static JsonObject Json() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = Title, ["version"] = Version },
        ["paths"] = new JsonObject(),
        ["definitions"] = new JsonObject(),
    };

    /// <summary>The same document as protobuf: swagger (1), info (2: title 1, version 2), empty paths (8) and definitions (9).</summary>
    public static byte[] Protobuf()
    {
        var info = Concat(Field(1, Encoding.UTF8.GetBytes(Title)), Field(2, Encoding.UTF8.GetBytes(Version)));
        return Concat(Field(1, "2.0"u8.ToArray()), Field(2, info), Field(8, []), Field(9, []));
    }

    // A length-delimited field (wire type 2); every length here is below 128, so it fits one varint byte.
    private static byte[] Field(int number, byte[] payload) => [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
