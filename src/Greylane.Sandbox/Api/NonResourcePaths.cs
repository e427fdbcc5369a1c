using Greylane.Sandbox.OpenApi;
using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>The non-resource endpoints: version, health and the OpenAPI documents kubectl probes.</summary>
internal static class NonResourcePaths
{
    public static Func<HttpContext, Task>? TryAnswer(string path, ResourceRegistry registry) => path.TrimEnd('/') switch
    {
        "/version" => c => HttpJson.WriteAsync(c, 200, DiscoveryDocuments.Version()),
        "/healthz" or "/livez" or "/readyz" => c => PlainAsync(c, "ok"),
        "/openapi/v3" => c => HttpJson.WriteAsync(c, 200, OpenApiV3Documents.Root(registry.All)),
        var p when p.StartsWith("/openapi/v3/", StringComparison.Ordinal) => c => HttpJson.WriteAsync(c, 200,
            OpenApiV3Documents.GroupVersion(p["/openapi/v3/".Length..], registry.All) ?? throw ApiException.NotFoundPath(p)),
        "/openapi/v2" => OpenApiV2Async,
        _ => null,
    };

    private static async Task OpenApiV2Async(HttpContext context)
    {
        if (!OpenApiV2Document.WantsProtobuf(context.Request.Headers.Accept))
        {
            await HttpJson.WriteAsync(context, 200, OpenApiV2Document.Json());
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = OpenApiV2Document.ProtobufContentType;
        await context.Response.Body.WriteAsync(OpenApiV2Document.Protobuf(), context.RequestAborted);
    }

    private static async Task PlainAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
