using Greylane.Sandbox.Apply;
using Greylane.Sandbox.Patching.Tests;

namespace Greylane.Sandbox.Apply.Tests;

/// <summary>
/// Merge and ownership of a Deployment by several managers, following the "Merge strategy", "Conflicts" and
/// "Transferring ownership" sections of the Kubernetes server-side apply documentation.
/// </summary>
public sealed class DeploymentApplyTests
{
    private const string Helm = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: shop, namespace: default, labels: {app: shop}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: shop}}
          template:
            metadata: {labels: {app: shop}}
            spec:
              containers:
              - name: shop
                image: shop:1
                ports: [{containerPort: 8080}]
                env: [{name: A, value: a}, {name: B, value: b}]
        """;

    private const string CiImage = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: shop}
        spec:
          template:
            spec:
              containers:
              - name: shop
                image: shop:2
        """;

    [Fact]
    public void Applied_fields_are_recorded_in_the_real_FieldsV1_shape()
    {
        var bench = ApplyBench.Deployment();

        bench.Apply("helm", Helm);

        bench.Owns("helm", """
            {"f:metadata":{"f:labels":{"f:app":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},
               "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                 "f:spec":{"f:containers":{"k:{\"name\":\"shop\"}":{".":{},"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"B\"}":{".":{},"f:name":{},"f:value":{}}},
                   "f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
            """);
    }

    [Fact]
    public void Two_managers_share_a_deployment_and_each_keeps_its_own_fields()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        bench.Apply("ci", CiImage, force: true);
        bench.Apply("helm", Helm.Replace("        image: shop:1\n", "", StringComparison.Ordinal).Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal));

        Assert.Equal("shop:2", (string?)bench.At("spec.template.spec.containers.0.image"));
        Assert.Equal(3L, (long?)bench.At("spec.replicas"));
        Assert.Equal(2, bench.At("spec.template.spec.containers.0.env")!.AsArray().Count);
        bench.Owns("ci", """{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"shop\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""");
    }

    [Fact]
    public void Changing_a_field_another_applier_owns_is_a_conflict_that_names_the_manager_and_the_field()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        var conflict = Assert.Throws<ApplyConflictException>(() => bench.Apply("ci", CiImage));

        Assert.Equal("""Apply failed with 1 conflict: conflict with "helm": .spec.template.spec.containers[name="shop"].image""", conflict.Message);
        Assert.Equal("shop:1", (string?)bench.At("spec.template.spec.containers.0.image"));
    }

    [Fact]
    public void Conflicts_with_an_updater_name_its_api_version_and_several_are_listed_by_manager()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);
        bench.Update("kubectl-edit", d =>
        {
            d["spec"]!["replicas"] = 5;
            d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "shop:edit";
        });

        var conflict = Assert.Throws<ApplyConflictException>(() => bench.Apply("helm", Helm));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"shop\"].image",
            conflict.Message);
    }

    [Fact]
    public void Force_takes_ownership_from_the_other_manager()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        bench.Apply("ci", CiImage, force: true);

        Assert.Equal("shop:2", (string?)bench.At("spec.template.spec.containers.0.image"));
        Assert.Null(bench.Entry("helm")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"shop\"}"]!["f:image"]);
    }

    [Fact]
    public void Applying_the_value_another_manager_set_shares_the_field_without_conflict()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        bench.Apply("ci", CiImage.Replace("shop:2", "shop:1", StringComparison.Ordinal));

        Assert.NotNull(bench.Entry("helm")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"shop\"}"]!["f:image"]);
        Assert.NotNull(bench.Entry("ci")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"shop\"}"]!["f:image"]);
    }

    [Fact]
    public void Two_appliers_add_items_to_one_list_map_and_each_item_stays_with_its_applier()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        bench.Apply("mesh", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop}
            spec: {template: {spec: {containers: [{name: proxy, image: "envoy:1"}]}}}
            """);
        bench.Apply("helm", Helm.Replace("image: shop:1", "image: shop:3", StringComparison.Ordinal));

        var names = bench.At("spec.template.spec.containers")!.AsArray().Select(c => (string?)c!["name"]).ToList();
        Assert.Equal(["shop", "proxy"], names);
        Assert.Equal("shop:3", (string?)bench.At("spec.template.spec.containers.0.image"));

        bench.Apply("mesh", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop}
            """);
        Assert.Equal(["shop"], bench.At("spec.template.spec.containers")!.AsArray().Select(c => (string?)c!["name"]).ToList());
    }

    [Fact]
    public void An_item_removed_from_the_applied_list_map_goes_and_the_others_stay()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm);

        bench.Apply("helm", Helm.Replace(", {name: B, value: b}", "", StringComparison.Ordinal));

        Json.Equal("""[{"name":"A","value":"a"}]""", bench.At("spec.template.spec.containers.0.env"));
    }

    [Fact]
    public void Atomic_lists_are_replaced_whole_and_owned_whole()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm.Replace("image: shop:1", "image: shop:1\n        args: [--a, --b]", StringComparison.Ordinal));

        Assert.Throws<ApplyConflictException>(() => bench.Apply("ci", CiImage.Replace("image: shop:2", "image: shop:1\n        args: [--c]", StringComparison.Ordinal)));
        bench.Apply("ci", CiImage.Replace("image: shop:2", "image: shop:1\n        args: [--c]", StringComparison.Ordinal), force: true);

        Json.Equal("""["--c"]""", bench.At("spec.template.spec.containers.0.args"));
        Assert.NotNull(bench.Entry("ci")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"shop\"}"]!["f:args"]);
    }

    [Fact]
    public void Set_lists_merge_values_from_several_appliers_and_each_owns_its_values()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm.Replace("labels: {app: shop}}", "labels: {app: shop}, finalizers: [a.example/one]}", StringComparison.Ordinal));

        bench.Apply("ops", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, finalizers: [b.example/two]}
            """);

        Json.Equal("""["a.example/one","b.example/two"]""", bench.At("metadata.finalizers"));
        bench.Owns("ops", """{"f:metadata":{"f:finalizers":{"v:\"b.example/two\"":{}}}}""");
    }

    [Fact]
    public void Granular_maps_merge_key_by_key_and_atomic_maps_are_replaced_whole()
    {
        var bench = ApplyBench.Deployment();
        bench.Apply("helm", Helm.Replace("template:\n    metadata: {labels: {app: shop}}\n    spec:\n", "template:\n    metadata: {labels: {app: shop}}\n    spec:\n      nodeSelector: {disk: ssd, zone: a}\n", StringComparison.Ordinal));

        bench.Apply("ops", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, labels: {team: payments}}
            """);
        Json.Equal("""{"app":"shop","team":"payments"}""", bench.At("metadata.labels"));

        var conflict = Assert.Throws<ApplyConflictException>(() => bench.Apply("ops", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop}
            spec: {template: {spec: {nodeSelector: {zone: b}}}}
            """));
        Assert.Contains(".spec.template.spec.nodeSelector", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_operations_own_what_they_add_and_maps_they_create_show_a_dot_entry()
    {
        var bench = ApplyBench.Deployment();

        bench.Create("kubectl-client-side-apply", Helm);

        var fields = bench.Entry("kubectl-client-side-apply", "Update")["fieldsV1"]!;
        Json.Equal("""{".":{},"f:app":{}}""", fields["f:metadata"]!["f:labels"]);
        Assert.Null(fields["f:spec"]![".".ToString()]);
        Assert.NotNull(fields["f:spec"]!["f:selector"]);
        Assert.Equal("apps/v1", (string?)bench.Entry("kubectl-client-side-apply")["apiVersion"]);
    }

    [Fact]
    public void Status_is_not_owned_through_the_main_resource()
    {
        var bench = ApplyBench.Deployment();

        bench.Apply("helm", Helm.Replace("spec:\n  replicas: 2", "status: {replicas: 9}\nspec:\n  replicas: 2", StringComparison.Ordinal));

        Assert.Null(bench.Entry("helm")["fieldsV1"]!["f:status"]);
    }

    [Fact]
    public void A_list_map_item_without_any_key_is_refused_with_the_real_message()
    {
        var bench = ApplyBench.Deployment();

        var error = Assert.Throws<ApplyRequestException>(() => bench.Apply("helm", Helm.Replace("- name: shop\n        image", "- image", StringComparison.Ordinal)));

        Assert.Contains("associative list with keys has an element that omits all key fields [\"name\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_items_in_an_applied_list_map_are_refused()
    {
        var bench = ApplyBench.Deployment();

        var error = Assert.Throws<ApplyRequestException>(() => bench.Apply("helm", Helm.Replace("{name: B, value: b}", "{name: A, value: b}", StringComparison.Ordinal)));

        Assert.Contains("duplicate entries for key [name=\"A\"]", error.Message, StringComparison.Ordinal);
    }
}
