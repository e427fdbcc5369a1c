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
        // Without the v2 document kubectl falls back to its built-in types, which is what the sandbox wants.
        "/openapi/v2" or "/swagger.json" => _ => throw ApiException.NotFoundPath(path),
        _ => null,
    };

    private static async Task PlainAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
