using Greylane.Cli.Arguments;

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

        var report = new PlanReport();
        foreach (var deployment in deployments)
        {
            DeploymentPlanner.Plan(set, deployment, report);
        }

        await console.Out.WriteAsync(report.Text.ToString());
        foreach (var error in report.Errors)
        {
            await console.Error.WriteLineAsync($"error: {error}");
        }

        return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.UserError;
    }
}
