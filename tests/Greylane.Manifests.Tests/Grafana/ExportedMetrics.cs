using System.Text.RegularExpressions;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Grafana.Tests;

/// <summary>
/// The series names Greylane exports, read from the metric classes' source (src/Greylane.Webhook): the prometheus-net
/// calls, and the <c># TYPE</c> lines of families written onto the page directly (<c>RolloutSeries</c>). A histogram
/// exports <c>_bucket</c>, <c>_sum</c> and <c>_count</c>; a counter and a gauge their name.
/// </summary>
internal static partial class ExportedMetrics
{
    public static string SourceRoot => RepositoryRoot.Combine("src", "Greylane.Webhook");

    /// <summary>Series name → the source file that creates it.</summary>
    public static IReadOnlyDictionary<string, string> Series()
    {
        var series = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file);
            var text = File.ReadAllText(file);
            foreach (Match match in Create().Matches(text).Concat(TypeLine().Matches(text)))
            {
                var name = match.Groups["name"].Value;
                string[] names = match.Groups["kind"].Value.ToLowerInvariant() switch
                {
                    "histogram" => [name + "_bucket", name + "_sum", name + "_count"],
                    "summary" => [name, name + "_sum", name + "_count"],
                    _ => [name],
                };
                foreach (var each in names)
                {
                    series[each] = relative;
                }
            }
        }

        return series;
    }

    [GeneratedRegex(@"Create(?<kind>Counter|Gauge|Histogram|Summary)\s*(<[^>]*>)?\(\s*""(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)""")]
    private static partial Regex Create();

    [GeneratedRegex(@"""# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<kind>counter|gauge|histogram|summary)\\n""")]
    private static partial Regex TypeLine();
}
