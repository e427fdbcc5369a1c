using Greylane.Cli.Arguments;

namespace Greylane.Cli.Dashboard;

/// <summary>What <c>dashboard</c> serves: one namespace or all (<see cref="Namespace"/> null), on which port, and whether to open a browser.</summary>
internal sealed record DashboardOptions(string? Namespace, int Port, bool OpenBrowser)
{
    /// <summary>How long one watch runs before the feed opens the next (the API server may end it sooner).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public static DashboardOptions From(ParsedArgs args, string contextNamespace)
    {
        if (args.Positionals.Count > 0)
        {
            throw new CliException($"dashboard takes no arguments (got {string.Join(", ", args.Positionals)}); use -n NS for one namespace or -A for all");
        }

        var all = args.Switch("all-namespaces");
        if (all && args.Option("namespace") is { } ns)
        {
            throw new CliException($"-n {ns} and -A (all namespaces) exclude each other; pass one of them");
        }

        var port = 0;
        if (args.Option("port") is { } text && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new CliException($"--port {text} is not a port; give a number from 1 to 65535, or leave --port out for a free one");
        }

        return new DashboardOptions(all ? null : contextNamespace, port, !args.Switch("no-browser"));
    }

    /// <summary>For people: "namespace shop" or "all namespaces".</summary>
    public string Scope => Namespace is null ? "all namespaces" : $"namespace {Namespace}";
}
