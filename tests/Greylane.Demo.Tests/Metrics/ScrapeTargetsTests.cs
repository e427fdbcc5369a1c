using System.Text.Json.Nodes;
using Greylane.Demo.Metrics;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Metrics.Tests;

public sealed class ScrapeTargetsTests
{
    [Fact]
    public void Each_pod_is_a_target_labelled_with_namespace_pod_and_the_canary_release()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("greylane-demo-test-").FullName, "targets.json");
        RunningPod[] pods =
        [
            new("e2e", "mockb-base-abc", new Dictionary<string, string> { ["app"] = "mockb" }, "10.244.0.1", new Uri("http://127.0.0.1:4001/"), "mockb base"),
            new("e2e", "mockb-base-canary-r1-xyz", new Dictionary<string, string> { ["app"] = "mockb", ["greylane.dev/release"] = "r1" }, "10.244.0.2", new Uri("http://127.0.0.1:4002/"), "mockb canary"),
        ];

        ScrapeTargets.Write(file, pods);
        var targets = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        Assert.Equal(2, targets.Count);
        Assert.Equal("127.0.0.1:4001", targets[0]!["targets"]![0]!.GetValue<string>());
        Assert.Null(targets[0]!["labels"]!["release"]);
        Assert.Equal("mockb-base-canary-r1-xyz", targets[1]!["labels"]!["pod"]!.GetValue<string>());
        Assert.Equal("e2e", targets[1]!["labels"]!["namespace"]!.GetValue<string>());
        Assert.Equal("r1", targets[1]!["labels"]!["release"]!.GetValue<string>());
    }
}
