namespace Greylane.Playground.Support.Tests;

/// <summary>Reads <c>.sandbox/env</c> the way <c>source</c> would for its <c>export NAME=value</c> lines (single quotes as written).</summary>
public static class EnvFile
{
    public static IReadOnlyDictionary<string, string> ReadEnv(this string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal))
            {
                Assert.True(line.Length == 0 || line.StartsWith('#'), $"a line of {path} that is neither an export nor a comment: {line}");
                continue;
            }

            var (name, value) = (line[7..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            variables[name] = value.StartsWith('\'') ? value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal) : value;
        }

        return variables;
    }
}
