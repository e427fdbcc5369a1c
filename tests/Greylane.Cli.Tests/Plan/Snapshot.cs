using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Plan.Tests;

/// <summary>Expected output kept under Plan/Snapshots; <c>GREYLANE_UPDATE_SNAPSHOTS=1</c> rewrites it from the actual output.</summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var path = RepositoryRoot.Combine("tests", "Greylane.Cli.Tests", "Plan", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("GREYLANE_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"snapshot {path} is missing; run the test with GREYLANE_UPDATE_SNAPSHOTS=1 and review the file");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var diff = Greylane.Cli.Plan.UnifiedDiff.Of(expected, actual, $"{name} (expected)", $"{name} (actual)");
            Assert.Fail($"output differs from {path} (GREYLANE_UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}");
        }
    }
}
