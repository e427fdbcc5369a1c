using Microsoft.AspNetCore.Http;

namespace Greylane.Cli.Dashboard;

/// <summary>
/// Every request passes here first. A page on loopback can be reached by any web page the user opens, so: the Host must
/// name this server (a rebound DNS name cannot), the run's token must come with the request (query once, then the
/// cookie), a state-changing request must come from this page's own origin, and every answer forbids framing, sniffing
/// and any script or asset from elsewhere. No CORS header is ever sent, so other origins cannot read an answer.
/// </summary>
internal sealed class DashboardGuard(DashboardToken token)
{
    /// <summary>Only our own files; no inline script or style; no frames, forms or base elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The cookie's name carries the port: cookies are not kept apart by port, dashboards on two ports must not overwrite each other's.</summary>
    public static string CookieName(int port) => $"greylane-dashboard-{port}";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var response = context.Response;
        var port = context.Connection.LocalPort;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";

        if (!IsOwnHost(request.Host.Value, port))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, $"Host `{request.Host.Value}` is not this dashboard's (127.0.0.1:{port} or localhost:{port}); open the address kubectl greylane dashboard printed");
            return;
        }

        var fromQuery = request.Query["token"].ToString();
        if (fromQuery.Length > 0 && token.Matches(fromQuery))
        {
            response.Cookies.Append(CookieName(port), token.Value, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = false, IsEssential = true });

            // The token leaves the address bar (and the history) at once; from now on the cookie carries it.
            if (HttpMethods.IsGet(request.Method) && request.Path == "/")
            {
                response.Redirect("/", permanent: false);
                return;
            }
        }
        else if (!token.Matches(request.Cookies[CookieName(port)]))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong token: open the address (with ?token=…) that kubectl greylane dashboard printed; each run has a new one");
            return;
        }

        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !IsOwnOrigin(request.Headers.Origin.ToString(), port))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, $"a {request.Method} must come from this dashboard's own page (Origin http://127.0.0.1:{port}); got Origin `{request.Headers.Origin}`");
            return;
        }

        await next(context);
    }

    internal static bool IsOwnHost(string? host, int port) =>
        string.Equals(host, $"127.0.0.1:{port}", StringComparison.OrdinalIgnoreCase)
        || string.Equals(host, $"localhost:{port}", StringComparison.OrdinalIgnoreCase);

    internal static bool IsOwnOrigin(string? origin, int port) =>
        string.Equals(origin, $"http://127.0.0.1:{port}", StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, $"http://localhost:{port}", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
