using Greylane.Sandbox.Apply;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Apply.Tests;

/// <summary>Known entries of the built-in schema table, as the Kubernetes OpenAPI declares them.</summary>
public sealed class BuiltInShapesTests
{
    private static Member Field(ResourceType resource, params string[] path)
    {
        var type = BuiltInShapes.For(resource);
        Member? member = null;
        foreach (var step in path)
        {
            member = (type.MapView ?? type.ListView?.Element.MapView ?? throw new InvalidOperationException($"{step} is not under a map")).Field(step);
            type = member.Type;
        }

        return member!;
    }

    private static ListShape List(ResourceType resource, params string[] path) =>
        Field(resource, path).Type as ListShape ?? throw new InvalidOperationException($"{string.Join('.', path)} is not a list");

    [Fact]
    public void Container_ports_are_a_list_map_keyed_by_port_and_protocol_which_defaults_to_TCP()
    {
        var ports = List(BuiltInResources.Deployments, "spec", "template", "spec", "containers", "ports");

        Assert.Equal(ListKind.Map, ports.Kind);
        Assert.Equal(["containerPort", "protocol"], ports.Keys);
        Assert.Equal("TCP", ports.KeyDefault("protocol")?.ToString());
    }

    [Fact]
    public void Service_ports_are_keyed_by_port_and_protocol()
    {
        var ports = List(BuiltInResources.Services, "spec", "ports");

        Assert.Equal(["port", "protocol"], ports.Keys);
        Assert.Equal("TCP", ports.KeyDefault("protocol")?.ToString());
    }

    [Fact]
    public void Containers_env_volumes_and_volume_mounts_are_list_maps()
    {
        Assert.Equal(["name"], List(BuiltInResources.Pods, "spec", "containers").Keys);
        Assert.Equal(["name"], List(BuiltInResources.Pods, "spec", "containers", "env").Keys);
        Assert.Equal(["name"], List(BuiltInResources.Pods, "spec", "volumes").Keys);
        Assert.Equal(["mountPath"], List(BuiltInResources.Pods, "spec", "containers", "volumeMounts").Keys);
        Assert.Equal(["type"], List(BuiltInResources.Deployments, "status", "conditions").Keys);
        Assert.Equal(["uid"], List(BuiltInResources.ConfigMaps, "metadata", "ownerReferences").Keys);
    }

    [Fact]
    public void Finalizers_are_a_set_and_tolerations_and_args_are_atomic()
    {
        Assert.Equal(ListKind.Set, List(BuiltInResources.Pods, "metadata", "finalizers").Kind);
        var spec = Field(BuiltInResources.Pods, "spec").Type;
        Assert.Equal(ListKind.Atomic, ((ListShape)spec.MapView!.Field("tolerations").Type.For(new System.Text.Json.Nodes.JsonArray())).Kind);
        var container = List(BuiltInResources.Pods, "spec", "containers").Element.MapView!;
        Assert.Equal(ListKind.Atomic, ((ListShape)container.Field("args").Type.For(new System.Text.Json.Nodes.JsonArray())).Kind);
    }

    [Fact]
    public void Labels_are_a_granular_map_and_selectors_are_atomic()
    {
        var labels = Field(BuiltInResources.Deployments, "metadata", "labels").Type.MapView!;
        Assert.False(labels.Atomic);
        Assert.False(labels.Field("app").Declared);
        Assert.True(Field(BuiltInResources.Deployments, "spec", "selector").Type.MapView!.Atomic);
        Assert.True(Field(BuiltInResources.Services, "spec", "selector").Type.MapView!.Atomic);
        Assert.True(Field(BuiltInResources.Pods, "spec", "nodeSelector").Type.MapView!.Atomic);
    }

    [Fact]
    public void Non_pointer_structs_are_present_in_the_zero_value()
    {
        Assert.True(Field(BuiltInResources.Deployments, "spec", "strategy").Zero.Present);
        Assert.True(Field(BuiltInResources.Deployments, "spec", "template").Zero.Present);
        Assert.False(Field(BuiltInResources.Deployments, "spec", "selector").Zero.Present);
    }
}
