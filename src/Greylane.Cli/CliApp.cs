using System.Net;
using System.Net.Http;
using Greylane.Cli.Arguments;
using Greylane.Cli.Commands;
using Greylane.Cli.Kube;
using Greylane.Cli.Plan;
using Greylane.Cli.Status;
using k8s.Autorest;

namespace Greylane.Cli;

/// <summary>The entry point: parses the arguments, runs one verb, and turns every failure into a message and an exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        try
        {
            var parsed = CommandLine.Parse(args);
            if (parsed.Help || parsed.Verb is null)
            {
                await console.Out.WriteAsync(Usage.Text);
                return parsed.Verb is null && !parsed.Help ? ExitCodes.UserError : ExitCodes.Ok;
            }

            return parsed.Verb switch
            {
                "status" => await StatusCommand.RunAsync(parsed, Connect(parsed, console), console, ct),
                "plan" => await PlanCommand.RunAsync(parsed, console),
                "promote" or "abort" or "pause" or "resume" or "retry" => await ControlCommand.RunAsync(parsed, Connect(parsed, console), console, ct),
                "dashboard" => await Dashboard.DashboardCommand.RunAsync(parsed, Connect(parsed, console), console, ct),
                "version" => await PrintVersionAsync(console),
                _ => throw new CliException($"unknown command `{parsed.Verb}`; the commands are status, promote, abort, pause, resume, retry, plan, dashboard (see kubectl greylane --help)"),
            };
        }
        catch (CliException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            await console.Error.WriteLineAsync($"error: the API server refused the request ({(int)e.Response.StatusCode} {e.Response.StatusCode}): {ApiMessage(e)}; check your credentials and RBAC (kubectl auth can-i patch deployments)");
            return ExitCodes.UserError;
        }
        catch (HttpOperationException e)
        {
            await console.Error.WriteLineAsync($"error: the API server answered {(int)e.Response.StatusCode} {e.Response.StatusCode}: {ApiMessage(e)}");
            return ExitCodes.UserError;
        }
        catch (HttpRequestException e)
        {
            await console.Error.WriteLineAsync($"error: cannot reach the API server ({e.Message}); check the cluster is up and the kubeconfig context is right (kubectl cluster-info)");
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C: the user asked to stop, which is not an error.
            return ExitCodes.Ok;
        }
#pragma warning disable CA1031 // The last resort of a CLI: a message instead of a stack trace, whatever went wrong.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}; this is a bug in kubectl-greylane, please report it with the command line that caused it");
            return ExitCodes.UserError;
        }
    }

    private static KubeTarget Connect(ParsedArgs parsed, CliConsole console) => KubeTarget.Connect(parsed, console.Environment);

    internal static string ApiMessage(HttpOperationException e)
    {
        var body = e.Response.Content;
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }

    private static async Task<int> PrintVersionAsync(CliConsole console)
    {
        var version = typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "unknown";
        await console.Out.WriteLineAsync($"kubectl-greylane {version}");
        return ExitCodes.Ok;
    }
}
