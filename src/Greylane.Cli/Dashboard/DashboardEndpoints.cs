using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Cli.Commands;
using Greylane.Cli.Kube;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greylane.Cli.Dashboard;

/// <summary>The page, its files, and the JSON API it reads and posts to.</summary>
internal static class DashboardEndpoints
{
    /// <summary>The commands the page may send, as <c>greylane.dev/command</c> values.</summary>
    public static readonly IReadOnlyList<string> Commands = ["promote", "promote-full", "pause", "resume", "abort", "retry"];

    public static void Map(IEndpointRouteBuilder app, ReleaseScope scope, ReleaseFeed feed, CancellationToken stopping)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/api/scope", () => Json(new JsonObject { ["namespace"] = scope.Namespace, ["allNamespaces"] = scope.Namespace is null }));
        app.MapGet("/api/releases", (CancellationToken ct) => AnswerAsync(async () =>
        {
            var (items, _) = await scope.ListDeploymentsAsync(ct);
            var rows = new JsonArray();
            foreach (var deployment in items.Where(Deployments.IsOptedIn).OrderBy(d => d.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(d => d.Metadata.Name, StringComparer.Ordinal))
            {
                rows.Add(await ReleaseDocuments.RowAsync(scope.Client, deployment, ct));
            }

            return Json(new JsonObject { ["items"] = rows });
        }));
        app.MapGet("/api/releases/{ns}/{name}", (string ns, string name, CancellationToken ct) => AnswerAsync(async () =>
        {
            if (!scope.Covers(ns))
            {
                return Problem(new ApiProblem(404, $"namespace {ns} is outside this dashboard ({scope.Namespace}); start it with -n {ns} or -A"));
            }

            var deployment = await scope.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct);
            return Json(await ReleaseDocuments.DetailAsync(scope.Client, deployment, ct));
        }));
        app.MapGet("/api/stream", async (HttpContext context) =>
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await feed.StreamAsync(context, both.Token);
        });
        app.MapPost("/api/releases/{ns}/{name}/command", (string ns, string name, HttpRequest request, CancellationToken ct) => AnswerAsync(async () =>
        {
            if (!scope.Covers(ns))
            {
                return Problem(new ApiProblem(404, $"namespace {ns} is outside this dashboard ({scope.Namespace})"));
            }

            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                return Problem(new ApiProblem(415, "send the command as JSON: {\"command\": \"promote\"}"));
            }

            var command = await ReadCommandAsync(request, ct);
            if (command is null || !Commands.Contains(command))
            {
                return Problem(new ApiProblem(400, $"the command must be one of {string.Join(", ", Commands)}; got {command ?? "none"}"));
            }

            var verb = command == "promote-full" ? "promote" : command;
            await CommandSender.SendAsync(scope.Client, ns, name, verb, command, ct);
            return Json(new JsonObject { ["command"] = command, ["message"] = $"{command} sent to {ns}/{name}; the controller acts on it and removes it" }, 202);
        }));
    }

    private static async Task<string?> ReadCommandAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: ct))?["command"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> answer)
    {
        try
        {
            return await answer();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return Problem(new ApiProblem(404, $"not found: {CliApp.ApiMessage(e)}"));
        }
        catch (Exception e) when (ApiProblem.From(e) is { } problem)
        {
            return Problem(problem);
        }
    }

    private static IResult Asset(string name) =>
        EmbeddedAssets.Read(name) is { } asset ? Results.Bytes(asset.Bytes, asset.ContentType) : Results.NotFound();

    private static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    private static IResult Problem(ApiProblem problem) => Json(problem.ToJson(), problem.Status);
}
