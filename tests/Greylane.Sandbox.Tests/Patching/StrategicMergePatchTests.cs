using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Patching.Tests;

/// <summary>Strategic merge patches as kubectl apply, kubectl set image and helm send them, checked against apimachinery's rules.</summary>
public sealed class StrategicMergePatchTests
{
    internal const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"shop","namespace":"prod","labels":{"app":"shop"},"annotations":{"greylane.dev/enabled":"true"},
                     "finalizers":["a.example/x"]},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"shop"}},
           "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
           "template":{"metadata":{"labels":{"app":"shop"}},
             "spec":{
               "containers":[
                 {"name":"app","image":"shop:1.0","ports":[{"containerPort":8080,"name":"http"},{"containerPort":9090,"name":"metrics"}],
                  "env":[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"0"},{"name":"REGION","value":"eu"}],
                  "volumeMounts":[{"name":"config","mountPath":"/etc/shop"},{"name":"cache","mountPath":"/cache"}]},
                 {"name":"proxy","image":"envoy:1.30"}],
               "volumes":[{"name":"config","configMap":{"name":"shop"}},{"name":"cache","emptyDir":{}}],
               "tolerations":[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists"}],
               "imagePullSecrets":[{"name":"registry"}]}}}}
        """;

    internal static JsonObject Patch(string patch) => StrategicMergePatch.Apply(Json.Object(Deployment), Json.Object(patch), BuiltInResources.Deployments);

    private static JsonNode? Containers(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!["containers"];

    [Fact]
    public void Kubectl_set_image_changes_one_container_and_keeps_the_others()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"shop:2.0"}]}}}}""");

        Assert.Equal("shop:2.0", (string?)Containers(result)![0]!["image"]);
        Assert.Equal("app", (string?)Containers(result)![0]!["name"]);
        Assert.Equal(2, Containers(result)![0]!["ports"]!.AsArray().Count);
        Assert.Equal("envoy:1.30", (string?)Containers(result)![1]!["image"]);
    }

    [Fact]
    public void Kubectl_apply_set_element_order_keeps_listed_order_and_merges_the_changed_container()
    {
        var result = Patch("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}"}},
             "spec":{"template":{"spec":{
               "$setElementOrder/containers":[{"name":"app"},{"name":"proxy"}],
               "containers":[{"name":"app","image":"shop:2.0"}]}}}}
            """);

        Assert.Equal(["app", "proxy"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("shop:2.0", (string?)Containers(result)![0]!["image"]);
        Assert.Equal("{...}", (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("true", (string?)result["metadata"]!["annotations"]!["greylane.dev/enabled"]);
    }

    [Fact]
    public void Set_element_order_alone_reorders_a_list()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"proxy"},{"name":"app"}]}}}}""");

        Assert.Equal(["proxy", "app"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void A_container_added_by_apply_lands_where_set_element_order_puts_it()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"app"},{"name":"logger"},{"name":"proxy"}],
              "containers":[{"name":"logger","image":"fluentbit:3"}]}}}}
            """);

        Assert.Equal(["app", "logger", "proxy"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Retain_keys_on_strategy_drops_rolling_update_when_switching_to_recreate()
    {
        var result = Patch("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}""");

        Json.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]);
    }

    [Fact]
    public void A_container_added_by_a_plain_patch_goes_first_as_on_a_real_cluster()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"logger","image":"fluentbit:3"}]}}}}""");

        Assert.Equal(["logger", "app", "proxy"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Patch_delete_removes_a_container_by_name()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"proxy","$patch":"delete"}]}}}}""");

        Assert.Equal(["app"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Env_merges_by_name_adding_changing_and_deleting_variables()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"containers":[{"name":"app","env":[
              {"name":"DEBUG","value":"1"},
              {"name":"REGION","$patch":"delete"},
              {"name":"CANARY","value":"true"}]}]}}}}
            """);

        Json.Equal(
            """[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"1"},{"name":"CANARY","value":"true"}]""",
            Containers(result)![0]!["env"]);
    }

    [Fact]
    public void A_null_inside_a_merged_item_removes_that_field()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"MODE","value":null,"valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}}}}""");

        Json.Equal("""{"name":"MODE","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}""", Containers(result)![0]!["env"]![0]);
    }

    [Fact]
    public void Container_ports_merge_by_container_port_and_volume_mounts_by_mount_path()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"containers":[{"name":"app",
              "ports":[{"containerPort":9090,"name":"prom"},{"containerPort":8443,"name":"https"}],
              "volumeMounts":[{"mountPath":"/cache","readOnly":true}]}]}}}}
            """);

        Json.Equal("""[{"containerPort":8080,"name":"http"},{"containerPort":9090,"name":"prom"},{"containerPort":8443,"name":"https"}]""", Containers(result)![0]!["ports"]);
        Json.Equal("""[{"name":"config","mountPath":"/etc/shop"},{"name":"cache","mountPath":"/cache","readOnly":true}]""", Containers(result)![0]!["volumeMounts"]);
    }

    [Fact]
    public void Volumes_and_image_pull_secrets_merge_by_name_while_tolerations_are_replaced()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{
              "volumes":[{"name":"cache","emptyDir":{"medium":"Memory"}},{"name":"tls","secret":{"secretName":"shop-tls"}}],
              "imagePullSecrets":[{"name":"mirror"}],
              "tolerations":[{"key":"c","operator":"Exists"}]}}}}
            """);
        var spec = result["spec"]!["template"]!["spec"]!;

        Json.Equal("""[{"name":"config","configMap":{"name":"shop"}},{"name":"cache","emptyDir":{"medium":"Memory"}},{"name":"tls","secret":{"secretName":"shop-tls"}}]""", spec["volumes"]);
        // With no server item to anchor it, a new item goes first: apimachinery's mergeSortedSlice, as the
        // kubectl patch task page shows for an added container.
        Json.Equal("""[{"name":"mirror"},{"name":"registry"}]""", spec["imagePullSecrets"]);
        Json.Equal("""[{"key":"c","operator":"Exists"}]""", spec["tolerations"]);
    }

    [Fact]
    public void Patch_replace_element_makes_the_patch_list_the_whole_list()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"solo","image":"solo:1"},{"$patch":"replace"}]}}}}""");

        Json.Equal("""[{"name":"solo","image":"solo:1"}]""", Containers(result));
    }

    [Fact]
    public void Patch_replace_on_a_map_replaces_it_and_patch_delete_empties_it()
    {
        var result = Patch("""{"metadata":{"labels":{"$patch":"replace","tier":"web"},"annotations":{"$patch":"delete"}}}""");

        Json.Equal("""{"tier":"web"}""", result["metadata"]!["labels"]);
        Json.Equal("{}", result["metadata"]!["annotations"]);
    }

    [Fact]
    public void Null_deletes_a_key_and_maps_merge()
    {
        var result = Patch("""{"metadata":{"annotations":{"greylane.dev/enabled":null,"greylane.dev/paused-by":"greylane"}},"spec":{"paused":true}}""");

        Json.Equal("""{"greylane.dev/paused-by":"greylane"}""", result["metadata"]!["annotations"]);
        Assert.True((bool)result["spec"]!["paused"]!);
        Assert.Equal(3, (int)result["spec"]!["replicas"]!);
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list_removes_them()
    {
        var added = Patch("""{"metadata":{"finalizers":["greylane.dev/cleanup","a.example/x"]}}""");
        var removed = Patch("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example/x"]}}""");

        Json.Equal("""["greylane.dev/cleanup","a.example/x"]""", added["metadata"]!["finalizers"]);
        Json.Equal("[]", removed["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Owner_references_merge_by_uid_and_status_conditions_by_type()
    {
        var target = Json.Object("""
            {"metadata":{"name":"shop-7d9f","ownerReferences":[{"uid":"u1","kind":"Deployment","name":"shop","controller":true}]},
             "status":{"conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True"}]}}
            """);
        var patch = Json.Object("""
            {"metadata":{"ownerReferences":[{"uid":"u2","kind":"Rollout","name":"x"}]},
             "status":{"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}}
            """);

        var result = StrategicMergePatch.Apply(target, patch, BuiltInResources.ReplicaSets);

        Assert.Equal(["u2", "u1"], result["metadata"]!["ownerReferences"]!.AsArray().Select(o => (string?)o!["uid"]));
        Json.Equal("""[{"type":"Available","status":"True"},{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Service_ports_merge_by_port_as_in_a_helm_upgrade()
    {
        var service = Json.Object("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"shop","labels":{"helm.sh/chart":"shop-0.1.0"}},
             "spec":{"clusterIP":"10.0.0.12","selector":{"app":"shop"},
               "ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"},{"name":"metrics","port":9090,"targetPort":9090,"protocol":"TCP"}]}}
            """);
        var helmPatch = Json.Object("""
            {"metadata":{"labels":{"helm.sh/chart":"shop-0.2.0"}},
             "spec":{"$setElementOrder/ports":[{"port":80},{"port":9090}],"ports":[{"port":80,"targetPort":8081}]}}
            """);

        var result = StrategicMergePatch.Apply(service, helmPatch, BuiltInResources.Services);

        Json.Equal(
            """[{"name":"http","port":80,"targetPort":8081,"protocol":"TCP"},{"name":"metrics","port":9090,"targetPort":9090,"protocol":"TCP"}]""",
            result["spec"]!["ports"]);
        Assert.Equal("10.0.0.12", (string?)result["spec"]!["clusterIP"]);
        Assert.Equal("shop-0.2.0", (string?)result["metadata"]!["labels"]!["helm.sh/chart"]);
    }

    [Fact]
    public void Helm_three_way_patch_of_a_deployment_applies_image_and_label_changes()
    {
        var result = Patch("""
            {"metadata":{"labels":{"app.kubernetes.io/version":"1.1"}},
             "spec":{"template":{"metadata":{"labels":{"app.kubernetes.io/version":"1.1"}},
               "spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"proxy"}],
                 "containers":[{"image":"shop:1.1","name":"app"}]}}}}
            """);

        Assert.Equal("shop:1.1", (string?)Containers(result)![0]!["image"]);
        Json.Equal("""{"app":"shop","app.kubernetes.io/version":"1.1"}""", result["spec"]!["template"]!["metadata"]!["labels"]);
        Assert.Equal("25%", (string?)result["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]);
    }

    [Fact]
    public void Helm_removing_a_container_sends_a_delete_element_under_set_element_order()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"app"}],
              "containers":[{"$patch":"delete","name":"proxy"}]}}}}
            """);

        Assert.Equal(["app"], Containers(result)!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("shop:1.0", (string?)Containers(result)![0]!["image"]);
    }

    [Fact]
    public void Kubectl_apply_orders_env_inside_a_merged_container()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"app"},{"name":"proxy"}],
              "containers":[{"name":"app",
                "$setElementOrder/env":[{"name":"REGION"},{"name":"MODE"},{"name":"TRACE"},{"name":"DEBUG"}],
                "env":[{"name":"TRACE","value":"on"}]}]}}}}
            """);

        Assert.Equal(["REGION", "MODE", "TRACE", "DEBUG"], Containers(result)![0]!["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal("on", (string?)Containers(result)![0]!["env"]![2]!["value"]);
    }
}
