using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using CanaryRs = Greylane.Core.Release.CanaryReplicaSet;

namespace Greylane.Core.Release.Tests;

public sealed class CanaryReplicaSetTests
{
    private static readonly Dictionary<string, string> SeedCanaryLabels = new() { ["istio.service.tag"] = "gray", ["version"] = "canary" };

    private static JsonObject Mocka() => (JsonObject)YamlJson.Parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: mocka-base, namespace: e2e, uid: u-1}
        spec:
          replicas: 4
          minReadySeconds: 5
          selector: {matchLabels: {app: mocka, version: base}}
          template:
            metadata:
              labels: {app: mocka, version: base}
              annotations: {sidecar.istio.io/inject: "true"}
            spec:
              containers: [{name: mocka, image: mocka:v2}]
        """)!;

    [Fact]
    public void The_canary_carries_the_new_template_with_canary_labels_and_the_release()
    {
        var rs = CanaryRs.Build(Mocka(), "abc1234567", 2, SeedCanaryLabels).ReplicaSet!;

        Assert.Equal("mocka-base-canary-abc1234567", rs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("e2e", rs["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(2, rs["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(5, rs["spec"]!["minReadySeconds"]!.GetValue<long>());
        var podLabels = rs["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal("mocka", podLabels["app"]!.GetValue<string>());
        Assert.Equal("canary", podLabels["version"]!.GetValue<string>());
        Assert.Equal("gray", podLabels["istio.service.tag"]!.GetValue<string>());
        Assert.Equal("abc1234567", podLabels["greylane.dev/release"]!.GetValue<string>());
        Assert.Equal("mocka:v2", rs["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("true", rs["spec"]!["template"]!["metadata"]!["annotations"]!["sidecar.istio.io/inject"]!.GetValue<string>());
    }

    [Fact]
    public void The_selector_is_the_deployments_with_canary_values_and_the_release()
    {
        var rs = CanaryRs.Build(Mocka(), "abc1234567", 1, SeedCanaryLabels).ReplicaSet!;

        var selector = rs["spec"]!["selector"]!["matchLabels"]!.AsObject();
        Assert.Equal(3, selector.Count);
        Assert.Equal("mocka", selector["app"]!.GetValue<string>());
        Assert.Equal("canary", selector["version"]!.GetValue<string>());
        Assert.Equal("abc1234567", selector["greylane.dev/release"]!.GetValue<string>());
    }

    [Fact]
    public void Its_own_labels_do_not_match_the_deployment_and_its_owner_is_not_a_controller()
    {
        var rs = CanaryRs.Build(Mocka(), "abc1234567", 1, SeedCanaryLabels).ReplicaSet!;

        var labels = rs["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey("app"));
        var owner = rs["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("Deployment", owner["kind"]!.GetValue<string>());
        Assert.Equal("u-1", owner["uid"]!.GetValue<string>());
        Assert.False(owner["controller"]!.GetValue<bool>());
    }

    [Fact]
    public void A_selector_made_only_of_canary_labels_is_refused_with_the_fix()
    {
        var deployment = Mocka();
        deployment["spec"]!["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["version"] = "canary" } };

        var build = CanaryRs.Build(deployment, "abc1234567", 1, SeedCanaryLabels);

        Assert.Null(build.ReplicaSet);
        Assert.Contains("add a label that canaryLabels do not set to spec.selector", build.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a-deployment-name-that-is-exactly-thirtynine")]
    [InlineData("a-very-long-deployment-name-that-goes-on-and-on-well-past-the-limit-of-sixty-three")]
    public void Names_leave_room_for_the_pod_suffix_within_63_characters(string deployment)
    {
        var name = CanaryRs.Name(deployment, "abc1234567");

        Assert.True(name.Length <= CanaryRs.MaxNameLength, name);
        Assert.EndsWith("-canary-abc1234567", name, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
    }

    [Fact]
    public void Long_names_sharing_a_prefix_get_different_replicasets()
    {
        var prefix = new string('x', 60);

        Assert.NotEqual(CanaryRs.Name(prefix + "-one", "abc1234567"), CanaryRs.Name(prefix + "-two", "abc1234567"));
    }
}
