using Greylane.Sandbox.Protobuf;

namespace Greylane.Sandbox.Protobuf.Tests;

public sealed class KubernetesProtobufTests
{
    // k8s\0, Unknown{typeMeta{apiVersion "v1", kind "ConfigMap"}, raw ConfigMap{metadata{name "c"}, data{"k": "v"}}}
    private static byte[] ConfigMapBody()
    {
        byte[] typeMeta = [0x0a, 0x02, .. "v1"u8, 0x12, 0x09, .. "ConfigMap"u8];
        byte[] meta = [0x0a, 0x01, (byte)'c', 0x12, 0x00];
        byte[] entry = [0x0a, 0x01, (byte)'k', 0x12, 0x01, (byte)'v'];
        byte[] raw = [0x0a, (byte)meta.Length, .. meta, 0x12, (byte)entry.Length, .. entry];
        return [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw];
    }

    [Fact]
    public void A_ConfigMap_envelope_decodes_to_JSON_without_empty_scalars()
    {
        var obj = KubernetesProtobuf.TryDecode(ConfigMapBody())!;

        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}""", obj.ToJsonString());
    }

    [Fact]
    public void A_body_without_the_magic_bytes_is_a_FormatException()
    {
        var error = Assert.Throws<FormatException>(() => KubernetesProtobuf.TryDecode("{}"u8.ToArray()));

        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_body_is_a_FormatException()
    {
        var body = ConfigMapBody();

        Assert.Throws<FormatException>(() => KubernetesProtobuf.TryDecode(body[..^3]));
    }

    [Fact]
    public void An_unsupported_kind_decodes_to_null()
    {
        byte[] typeMeta = [0x0a, 0x07, .. "apps/v1"u8, 0x12, 0x0a, .. "Deployment"u8];
        byte[] body = [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, 0x00];

        Assert.Null(KubernetesProtobuf.TryDecode(body));
    }
}
