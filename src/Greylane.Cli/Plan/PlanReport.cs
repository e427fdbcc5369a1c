using System.Text;

namespace Greylane.Cli.Plan;

/// <summary>What <c>plan</c> prints: the preview (stdout) and the problems that make it fail (stderr, exit 1).</summary>
internal sealed class PlanReport
{
    public StringBuilder Text { get; } = new();

    public List<string> Errors { get; } = [];

    public PlanReport Line(string line = "")
    {
        Text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Appends a block of lines, each indented.</summary>
    public PlanReport Block(string block, int indent)
    {
        foreach (var line in block.TrimEnd('\n').Split('\n'))
        {
            Text.Append(' ', indent).Append(line).Append('\n');
        }

        return this;
    }
}
