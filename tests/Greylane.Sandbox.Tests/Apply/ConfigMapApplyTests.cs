using Greylane.Sandbox.Patching.Tests;

namespace Greylane.Sandbox.Apply.Tests;

/// <summary>The ConfigMap walk-through of the Kubernetes server-side apply documentation ("Field management").</summary>
public sealed class ConfigMapApplyTests
{
    private const string Config = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: test-cm
          namespace: default
          labels:
            test-label: test
        data:
          key: some value
        """;

    [Fact]
    public void First_apply_creates_the_object_and_records_the_applier_as_the_documentation_shows()
    {
        var bench = ApplyBench.ConfigMap();

        bench.Apply("kubectl", Config);

        Assert.Equal(["kubectl/Apply"], bench.Managers());
        bench.Owns("kubectl", """{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}""");
        var entry = bench.Entry("kubectl");
        Assert.Equal("v1", (string?)entry["apiVersion"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.NotNull(entry["time"]);
        Assert.Null(entry["subresource"]);
    }

    [Fact]
    public void An_update_by_another_manager_takes_the_field_it_changed()
    {
        var bench = ApplyBench.ConfigMap();
        bench.Apply("kubectl", Config);

        bench.Update("kube-controller-manager", cm => cm["data"]!["key"] = "new value");

        bench.Owns("kubectl", """{"f:metadata":{"f:labels":{"f:test-label":{}}}}""");
        bench.Owns("kube-controller-manager", """{"f:data":{"f:key":{}}}""", "Update");
        Assert.Equal("v1", (string?)bench.Entry("kube-controller-manager")["apiVersion"]);
    }

    [Fact]
    public void Applying_the_same_configuration_again_changes_nothing()
    {
        var bench = ApplyBench.ConfigMap();
        var first = bench.Apply("kubectl", Config).DeepClone();

        var second = bench.Apply("kubectl", Config);

        Json.Equal(first.ToJsonString(), second);
    }

    [Fact]
    public void A_field_the_applier_stops_sending_is_removed_when_nobody_else_owns_it()
    {
        var bench = ApplyBench.ConfigMap();
        bench.Apply("kubectl", Config);

        bench.Apply("kubectl", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: test-cm, namespace: default}
            data: {key: some value}
            """);

        Assert.Null(bench.At("metadata.labels"));
        bench.Owns("kubectl", """{"f:data":{"f:key":{}}}""");
    }

    [Fact]
    public void A_field_the_applier_stops_sending_stays_when_another_applier_shares_it()
    {
        var bench = ApplyBench.ConfigMap();
        bench.Apply("kubectl", Config);
        bench.Apply("ci", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: test-cm, labels: {test-label: test}}
            """);

        bench.Apply("kubectl", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: test-cm}
            data: {key: some value}
            """);

        Assert.Equal("test", (string?)bench.At("metadata.labels.test-label"));
        bench.Owns("ci", """{"f:metadata":{"f:labels":{"f:test-label":{}}}}""");
        bench.Owns("kubectl", """{"f:data":{"f:key":{}}}""");
    }

    [Fact]
    public void A_field_an_updater_changed_stays_when_the_applier_stops_sending_it()
    {
        var bench = ApplyBench.ConfigMap();
        bench.Apply("kubectl", Config);
        bench.Update("kubectl-edit", cm => cm["data"]!["key"] = "edited");

        bench.Apply("kubectl", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: test-cm, labels: {test-label: test}}
            """);

        Assert.Equal("edited", (string?)bench.At("data.key"));
    }
}
