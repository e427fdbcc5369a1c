using Greylane.Cli.Arguments;
using Greylane.Core.Analysis;

namespace Greylane.Cli.Plan;

/// <summary><c>plan -f FILE…</c>: validates each opted-in Deployment's strategy and previews every step, without a cluster.</summary>
internal static class PlanCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CliConsole console)
    {
        if (args.Positionals.Count > 0)
        {
            throw new CliException($"plan reads manifests, not names (got {string.Join(", ", args.Positionals)}); pass files with -f, e.g. kubectl greylane plan -f deployment.yaml -f vs.yaml");
        }

        var set = ManifestSet.Load(args.All("filename"), args.Option("namespace") ?? "default");
        var deployments = set.OfKind("Deployment").ToList();
        if (deployments.Count == 0)
        {
            throw new CliException("no Deployment in the given files; pass the Deployment's manifest with -f");
        }

        var tenancy = Tenancy(args);
        var report = new PlanReport();
        foreach (var deployment in deployments)
        {
            DeploymentPlanner.Plan(set, deployment, report, tenancy);
        }

        await console.Out.WriteAsync(report.Text.ToString());
        foreach (var error in report.Errors)
        {
            await console.Error.WriteLineAsync($"error: {error}");
        }

        return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.UserError;
    }

    // The CLI has no operator settings: these flags say which the controller runs with, on by default as there.
    private static QueryTenancy Tenancy(ParsedArgs args)
    {
        var enabled = (args.Option("prometheus-tenancy") ?? "on").ToLowerInvariant() switch
        {
            "on" => true,
            "off" => false,
            var other => throw new CliException($"--prometheus-tenancy '{other}' is not on or off; write the controller's setting: on (the default) or off"),
        };
        var label = args.Option("prometheus-tenancy-label") ?? QueryTenancy.DefaultLabel;
        return QueryTenancy.LabelProblem(label) is { } problem
            ? throw new CliException($"--prometheus-tenancy-label {problem}")
            : new QueryTenancy(enabled, label);
    }
}
