using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>
/// Who a request comes from, by its bearer token, as kube-apiserver's static token file maps them. The sandbox knows two
/// users, both in the kubeconfig it writes: the person (kubectl, tests) and Greylane's ServiceAccount (its own context),
/// so that a webhook's <c>matchConditions</c> can tell Greylane's writes from everyone else's as in a cluster. A request
/// without credentials is the person's, as it always was here; an unknown token is refused with 401, as a real server does.
/// </summary>
public static class SandboxUsers
{
    /// <summary>The person at the keyboard: kubectl, Helm and tests, through the kubeconfig's current context.</summary>
    public const string Admin = "kubernetes-admin";

    /// <summary>The admin's token in the kubeconfig.</summary>
    public const string AdminToken = "greylane-sandbox";

    /// <summary>Greylane's ServiceAccount in manifests/base (namespace greylane-system, name greylane).</summary>
    public const string Greylane = "system:serviceaccount:greylane-system:greylane";

    /// <summary>The ServiceAccount's token, in the kubeconfig's <see cref="Server.KubeconfigWriter.GreylaneContext"/> context.</summary>
    public const string GreylaneToken = "greylane-serviceaccount";

    /// <summary>The user of <paramref name="request"/>, or null when its bearer token is not one the sandbox issued.</summary>
    internal static string? Of(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Admin;
        }

        const string bearer = "Bearer ";
        var token = authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
        return token switch
        {
            AdminToken => Admin,
            GreylaneToken => Greylane,
            _ => null,
        };
    }

    /// <summary>The 401 for a token the sandbox does not know, naming the ones it does.</summary>
    internal static ApiException Unauthorized() => new(
        401,
        "Unauthorized",
        $"Unauthorized: the sandbox knows two bearer tokens, both in the kubeconfig it writes: '{AdminToken}' ({Admin}) and '{GreylaneToken}' ({Greylane}); use that kubeconfig, or send no credentials");
}
