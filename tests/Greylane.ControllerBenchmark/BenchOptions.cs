using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// The command line: <c>--deployments N --releasing M</c> (defaults 10000 and 100), <c>--quick</c> (1000 and 10),
/// <c>--baseline-deployments</c>/<c>--baseline-releasing</c> (100 and up to 5), <c>--per-namespace</c> (100), <c>--timeline</c>, <c>--workers</c> (passed to Greylane), <c>--greylane DLL</c>.
/// </summary>
internal sealed record BenchOptions
{
    public int Deployments { get; init; } = 10_000;

    public int Releasing { get; init; } = 100;

    public int BaselineDeployments { get; init; } = 100;

    public int? BaselineReleasing { get; init; }

    public int PerNamespace { get; init; } = 100;

    /// <summary>Passed to Greylane as <c>--workers</c>; null: its default (4).</summary>
    public int? Workers { get; init; }

    /// <summary>Greylane.Webhook.dll to run (a published build, as in the image); null: the one built with the benchmark.</summary>
    public string? Greylane { get; init; }

    /// <summary>Print the median release of each scale change by change.</summary>
    public bool Timeline { get; init; }

    /// <summary>Short enough that pod readiness never dominates a figure, long enough to be a real wait.</summary>
    public TimeSpan PodReadyDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public Scale Large => new("large", Deployments, Releasing);

    public Scale Baseline => new("baseline", BaselineDeployments, BaselineReleasing ?? Math.Clamp(Releasing, 1, 5));

    /// <summary>Reads the options, or throws <see cref="ArgumentException"/> naming the wrong one and its fix.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Deployments = 1000, Releasing = 10 },
                "--timeline" => options with { Timeline = true },
                "--greylane" => options with { Greylane = ExistingFile(args, ++i) },
                "--workers" => options with { Workers = Count(args, ++i, 1, 64) },
                "--deployments" => options with { Deployments = Count(args, ++i, 1, 100_000) },
                "--releasing" => options with { Releasing = Count(args, ++i, 1, 10_000) },
                "--baseline-deployments" => options with { BaselineDeployments = Count(args, ++i, 1, 100_000) },
                "--baseline-releasing" => options with { BaselineReleasing = Count(args, ++i, 1, 10_000) },
                "--per-namespace" => options with { PerNamespace = Count(args, ++i, 1, 10_000) },
                var other => throw new ArgumentException(
                    $"unknown option '{other}'; use --deployments N --releasing M [--quick] [--baseline-deployments N] [--baseline-releasing M] [--per-namespace K] [--timeline] [--workers W] [--greylane DLL]"),
            };
        }

        if (options.Releasing > options.Deployments || (options.BaselineReleasing ?? 1) > options.BaselineDeployments)
        {
            throw new ArgumentException("--releasing must not exceed --deployments (and --baseline-releasing not --baseline-deployments)");
        }

        return options;
    }

    private static string ExistingFile(IReadOnlyList<string> args, int index) =>
        index < args.Count && File.Exists(args[index])
            ? Path.GetFullPath(args[index])
            : throw new ArgumentException(
                $"--greylane {(index < args.Count ? $"'{args[index]}' is not a file" : "needs a path")}: give an existing Greylane.Webhook.dll (e.g. from `dotnet publish src/Greylane.Webhook -c Release -o DIR`)");

    private static int Count(IReadOnlyList<string> args, int index, int min, int max)
    {
        var name = args[index - 1];
        if (index >= args.Count)
        {
            throw new ArgumentException($"{name} needs a number from {min} to {max}");
        }

        return int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} '{args[index]}' is not a whole number from {min} to {max}");
    }
}
