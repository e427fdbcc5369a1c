using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace Greylane.Cli.Dashboard;

/// <summary>
/// A failure as the page shows it: an HTTP status and a sentence. The API server's 401/403 keep their code, since
/// Kubernetes RBAC is the dashboard's permission model; a refusal of Greylane's own rules is 409.
/// </summary>
internal sealed record ApiProblem(int Status, string Message)
{
    public static ApiProblem? From(Exception e) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized } http => new(
            (int)http.Response.StatusCode,
            $"the API server refused this with your credentials ({(int)http.Response.StatusCode} {http.Response.StatusCode}): {CliApp.ApiMessage(http)}; ask for the right or check it with kubectl auth can-i"),
        HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } http => new(404, $"not found: {CliApp.ApiMessage(http)}"),
        HttpOperationException http => new(502, $"the API server answered {(int)http.Response.StatusCode} {http.Response.StatusCode}: {CliApp.ApiMessage(http)}"),
        CliException cli => new(409, cli.Message),
        HttpRequestException request => new(502, $"cannot reach the API server ({request.Message}); check the cluster is up and the kubeconfig context is right (kubectl cluster-info)"),
        _ => null,
    };

    public JsonObject ToJson() => new() { ["status"] = Status, ["error"] = Message };
}
