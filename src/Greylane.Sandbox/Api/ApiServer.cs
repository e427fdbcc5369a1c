using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Api;

/// <summary>Routes every HTTP request to discovery, reads, watches or writes, and turns failures into Status bodies.</summary>
internal sealed partial class ApiServer(
    InMemoryObjectStore store, ResourceRegistry registry, IAdmissionChain admission, TimeProvider clock, ILogger logger)
{
    private readonly ResourceReader _reader = new(store);
    private readonly ResourceDeleter _deleter = new(store, registry, admission);
    private readonly FieldManagement _fields = new(registry, clock);
    private ResourceWriter? _writer;
    private PatchApplier? _patcher;
    private readonly WatchStream _watches = new(store, TimeProvider.System, TimeSpan.FromMinutes(1));
    private readonly TableConverter _tables = new(registry, clock);

    /// <summary>host:port for the discovery documents' server address.</summary>
    public string ServerAddress { get; set; } = "127.0.0.1";

    private ResourceWriter Writer => _writer ??= new(store, admission, _fields);

    private PatchApplier Patcher => _patcher ??= new(store, registry, Writer, _fields);

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiException ex)
        {
            await RespondFailureAsync(context, ex);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; nothing to answer.
        }
#pragma warning disable CA1031 // The API server must answer a Status, never drop the connection with a 500 page.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex, context.Request.Method, context.Request.Path);
            await RespondFailureAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {ex.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        LogRequest(logger, request.Method, path, request.QueryString.Value ?? "");
        var user = SandboxUsers.Of(request) ?? throw SandboxUsers.Unauthorized();
        if (NonResourcePaths.TryAnswer(path, registry) is { } answer)
        {
            await answer(context);
            return;
        }

        switch (RequestTarget.Parse(path, registry))
        {
            case RequestTarget.Discovery discovery when request.Method == "GET":
                await HttpJson.WriteAsync(context, 200, Discover(discovery) ?? throw ApiException.NotFoundPath(path));
                break;
            case RequestTarget.Resource resource:
                await HandleResourceAsync(context, resource, user);
                break;
            case RequestTarget.Discovery:
                throw ApiException.MethodNotAllowed(request.Method);
            default:
                throw ApiException.NotFoundPath(path);
        }
    }

    private JsonObject? Discover(RequestTarget.Discovery discovery)
    {
        var types = registry.All;
        return discovery switch
        {
            { Legacy: true, Version: null } => DiscoveryDocuments.Versions(ServerAddress),
            { Legacy: false, Group: null } => DiscoveryDocuments.Groups(types),
            { Group: { } g, Version: null } => types.Any(t => t.Group == g) ? DiscoveryDocuments.Group(g, types) : null,
            { Group: { } g, Version: { } v } => registry.Serves(g, v) ? DiscoveryDocuments.Resources(g, v, types) : null,
            _ => null,
        };
    }

    private async Task HandleResourceAsync(HttpContext context, RequestTarget.Resource target, string user)
    {
        var (type, ns, name, sub) = target;
        if (sub is not null && !type.Subresources.Contains(sub))
        {
            throw ApiException.NotFoundPath(context.Request.Path);
        }

        var query = QueryOptions.From(context.Request.Query);
        var ct = context.RequestAborted;
        var method = context.Request.Method;
        switch (method, name)
        {
            case ("GET", _) when query.Watch:
                await _watches.RunAsync(context, type, ns, name, query, TableWatch(context, type));
                break;
            case ("GET", null):
                await RespondReadAsync(context, type, _reader.List(type, ns, query), isList: true);
                break;
            case ("GET", { } one):
                await RespondReadAsync(context, type, _reader.Get(type, ns, one, sub), isList: false);
                break;
            case ("POST", null):
                await RespondAsync(context, await Writer.CreateAsync(type, ns, await HttpJson.ReadObjectAsync(context.Request), Options(context, query, user), ct));
                break;
            case ("PUT", { } one):
                await RespondAsync(context, await Writer.UpdateAsync(type, ns, one, sub, await HttpJson.ReadObjectAsync(context.Request), Options(context, query, user), ct));
                break;
            case ("PATCH", { } one):
                var kind = Patcher.PatchKind(type, context.Request.ContentType);
                var patch = await HttpJson.ReadAsync(context.Request);
                await RespondAsync(context, await Patcher.PatchAsync(type, ns, one, sub, kind, patch, query, Options(context, query, user), ct));
                break;
            case ("DELETE", { } one):
                var options = context.Request.ContentLength is > 0 ? await HttpJson.ReadAsync(context.Request) as JsonObject : null;
                await RespondAsync(context, await _deleter.DeleteAsync(type, ns, one, options, query.DryRun || DryRunIn(options), user, ct));
                break;
            case ("DELETE", null):
                await RespondAsync(context, await DeleteCollectionAsync(type, ns, query, user, ct));
                break;
            default:
                throw ApiException.MethodNotAllowed(method);
        }
    }

    private async Task<WriteResult> DeleteCollectionAsync(ResourceType type, string? ns, QueryOptions query, string user, CancellationToken ct)
    {
        var list = _reader.List(type, ns, query with { Limit = null, Continue = null });
        var warnings = new List<string>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var result = await _deleter.DeleteAsync(type, item.Namespace(), item.Name(), null, query.DryRun, user, ct);
            warnings.AddRange(result.Warnings);
        }

        return new WriteResult(200, list, warnings);
    }

    // kubectl get --watch asks for Tables: each event carries a one-row Table, column definitions only in the first.
    private Func<JsonObject, JsonObject>? TableWatch(HttpContext context, ResourceType type)
    {
        if (!TableConverter.Wanted(context.Request.Headers.Accept))
        {
            return null;
        }

        var includeObject = context.Request.Query["includeObject"].ToString();
        var first = true;
        return obj =>
        {
            var table = _tables.Convert(type, obj, isList: false, includeObject);
            if (!first)
            {
                table.Remove("columnDefinitions");
            }

            first = false;
            return table;
        };
    }

    private static WriteOptions Options(HttpContext context, QueryOptions query, string user) =>
        WriteOptions.For(query, context.Request.Headers.UserAgent.ToString(), user);

    private static bool DryRunIn(JsonObject? options) =>
        options?["dryRun"] is JsonArray values && values.Any(v => v?.GetValue<string>() == "All");

    private async Task RespondReadAsync(HttpContext context, ResourceType type, JsonObject body, bool isList)
    {
        if (TableConverter.Wanted(context.Request.Headers.Accept) && body["kind"]?.GetValue<string>() != "Scale")
        {
            body = _tables.Convert(type, body, isList, context.Request.Query["includeObject"].ToString());
        }

        await HttpJson.WriteAsync(context, 200, body);
    }

    private static Task RespondAsync(HttpContext context, WriteResult result) =>
        HttpJson.WriteAsync(context, result.Code, result.Body, result.Warnings);

    private static async Task RespondFailureAsync(HttpContext context, ApiException ex)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        await HttpJson.WriteAsync(context, ex.Code, ex.ToStatus());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}{Query}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception ex, string method, string path);
}
