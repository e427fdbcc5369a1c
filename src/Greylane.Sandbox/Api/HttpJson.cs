using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Sandbox.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>Reading JSON (or YAML) request bodies and writing JSON responses.</summary>
internal static class HttpJson
{
    /// <summary>Like Go's encoder: quotes and non-ASCII text are written as is, not as \u escapes.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int code, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            // RFC 7234 warning, as kube-apiserver sends admission and deprecation warnings.
            context.Response.Headers.Append("Warning", $"299 - {JsonSerializer.Serialize(warning)}");
        }

        await context.Response.WriteAsync(body.ToJsonString(Wire), context.RequestAborted);
    }

    public static async Task<JsonNode> ReadAsync(HttpRequest request)
    {
        if (request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await ReadProtobufAsync(request);
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (text.Trim().Length == 0)
        {
            throw ApiException.BadRequest("the request body is empty; send the object as JSON");
        }

        try
        {
            var isYaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
            return (isYaml ? YamlJson.Parse(text) : JsonNode.Parse(text))
                ?? throw ApiException.BadRequest("the request body is null; send the object as JSON");
        }
        catch (Exception ex) when (ex is JsonException or YamlDotNet.Core.YamlException)
        {
            throw ApiException.BadRequest($"the request body is not valid {(ex is JsonException ? "JSON" : "YAML")}: {ex.Message}");
        }
    }

    // kubectl's typed commands (create, expose, run) send protobuf. The sandbox decodes the simple kinds kubectl
    // create makes (Namespace, ConfigMap, Secret) and answers 415 for the rest.
    private static async Task<JsonNode> ReadProtobufAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        try
        {
            return KubernetesProtobuf.TryDecode(buffer.ToArray()) ?? throw UnsupportedProtobuf(request);
        }
        catch (FormatException ex)
        {
            throw ApiException.BadRequest($"the protobuf request body could not be decoded: {ex.Message}");
        }
    }

    private static ApiException UnsupportedProtobuf(HttpRequest request) => ApiException.UnsupportedMediaType(
        $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml; the Greylane sandbox decodes {request.ContentType} only for Namespace, ConfigMap, Secret and DeleteOptions (kubectl create/expose/run send it): write the object as YAML and use kubectl apply -f");

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await ReadAsync(request) as JsonObject
        ?? throw ApiException.BadRequest("the request body must be a JSON object");
}
