using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>Reading JSON (or YAML) request bodies and writing JSON responses.</summary>
internal static class HttpJson
{
    public static async Task WriteAsync(HttpContext context, int code, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            // RFC 7234 warning, as kube-apiserver sends admission and deprecation warnings.
            context.Response.Headers.Append("Warning", $"299 - {JsonSerializer.Serialize(warning)}");
        }

        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public static async Task<JsonNode> ReadAsync(HttpRequest request)
    {
        if (request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The sandbox has no protobuf schemas. kubectl's typed commands (create, expose, run) send protobuf;
            // apply, patch, edit, scale, set, label and annotate send JSON and work.
            throw ApiException.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml; the Greylane sandbox does not decode {request.ContentType} (kubectl create/expose/run send it): write the object as YAML and use kubectl apply -f");
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

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await ReadAsync(request) as JsonObject
        ?? throw ApiException.BadRequest("the request body must be a JSON object");
}
