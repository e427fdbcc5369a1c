namespace Greylane.Cli.Arguments;

/// <summary>The verb, its positional arguments and its flags, as given on the command line.</summary>
internal sealed record ParsedArgs(
    string? Verb,
    IReadOnlyList<string> Positionals,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Options,
    IReadOnlySet<string> Switches)
{
    public bool Help => Switches.Contains("help");

    /// <summary>The last value of a flag (as kubectl does when a flag repeats), or null.</summary>
    public string? Option(string name) => Options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> All(string name) => Options.TryGetValue(name, out var values) ? values : [];

    public bool Switch(string name) => Switches.Contains(name);
}
