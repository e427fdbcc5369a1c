using Greylane.Core.Rollout;
using Greylane.Testing.Repository;

namespace Greylane.Core.Rollout.Tests;

public sealed class DiagramTests
{
    private const string UpdateVariable = "GREYLANE_UPDATE_DOCS";

    [Fact]
    public void Committed_step_machine_diagram_matches_the_machine()
    {
        var path = RepositoryRoot.Combine("docs", "step-machine.md");
        var expected = Render(StepMachine.MermaidDiagram());
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(
            committed == expected,
            $"docs/step-machine.md is stale or missing: run `{UpdateVariable}=1 dotnet test tests/Greylane.Core.Tests --filter \"FullyQualifiedName~Rollout.Tests.DiagramTests\"` and commit the file.");
    }

    [Fact]
    public void Diagram_shows_every_phase_and_every_trigger()
    {
        var diagram = StepMachine.MermaidDiagram();

        Assert.All(Enum.GetNames<RolloutPhase>(), phase => Assert.Contains(phase, diagram, StringComparison.Ordinal));
        Assert.All(Enum.GetNames<RolloutTrigger>(), trigger => Assert.Contains($": {trigger}", diagram, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_arrow_of_the_READMEs_summary_diagram_is_a_transition_of_the_machine()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var start = readme.IndexOf("```mermaid", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no mermaid diagram");
        var block = readme[start..readme.IndexOf("```", start + 3, StringComparison.Ordinal)];
        var machine = StepMachine.MermaidDiagram();
        var arrows = block.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("-->", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(arrows);
        Assert.All(arrows, arrow => Assert.Contains(arrow + " [", machine, StringComparison.Ordinal));
    }

    private static string Render(string mermaid) =>
        "# The step machine\n\n"
        + "Generated from `StepMachine.MermaidDiagram()` (Stateless `MermaidGraph.Format`) by\n"
        + "`tests/Greylane.Core.Tests/Rollout/DiagramTests.cs`; do not edit by hand. Guards are in brackets.\n"
        + $"Regenerate with `{UpdateVariable}=1 dotnet test tests/Greylane.Core.Tests --filter \"FullyQualifiedName~Rollout.Tests.DiagramTests\"`.\n\n"
        + "```mermaid\n" + mermaid.ReplaceLineEndings("\n").TrimEnd() + "\n```\n";
}
