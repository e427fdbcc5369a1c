using System.Text;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Narration;

/// <summary>
/// The two changes <see cref="SeedManifests"/> makes to the seed's Deployments, as the demo prints them: the strategy
/// annotation it applies instead of the seed's (the demo promises to show it) and where <c>VERSION</c> comes from.
/// </summary>
internal static class SeedChanges
{
    public static string Describe(Func<string, string?> strategyFor)
    {
        var text = new StringBuilder("the seed's Deployments are applied with two changes:\n")
            .Append("  VERSION comes from the pod's own version label (valueFrom.fieldRef: metadata.labels['version']), ")
            .Append("so a canary pod, labelled version: canary, answers mocka(version: canary, …) as in the article\n");
        var (mocka, mockb) = (strategyFor(DemoNames.MockA), strategyFor(DemoNames.MockB));
        if (mocka is null && mockb is null)
        {
            return text.Append("  greylane.dev/strategy: the seed's own").ToString();
        }

        foreach (var (name, strategy) in new[] { (DemoNames.MockA, mocka), (DemoNames.MockB, mockb) })
        {
            if (strategy is null)
            {
                text.Append($"  greylane.dev/strategy of {name}: the seed's own\n");
            }
            else if (name == DemoNames.MockB && mocka is not null && strategy == mocka.Replace("mocka", "mockb", StringComparison.Ordinal))
            {
                text.Append($"  greylane.dev/strategy of {name}: the same, for mockb (Service mockb and its routing objects)\n");
            }
            else
            {
                text.Append($"  greylane.dev/strategy of {name} (the demo's, instead of the seed's):\n");
                foreach (var line in strategy.TrimEnd().Split('\n'))
                {
                    text.Append("    ").Append(line.TrimEnd()).Append('\n');
                }
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
