using Greylane.Sandbox.Protobuf;

namespace Greylane.Sandbox.Helm.Tests;

/// <summary>client-go's typed clients (helm's release storage) send DeleteOptions as protobuf with a delete.</summary>
public sealed class DeleteOptionsProtobufTests
{
    // k8s\0, Unknown{typeMeta{apiVersion, kind "DeleteOptions"}, raw DeleteOptions{preconditions{uid "u"}, propagationPolicy "Background", dryRun ["All"]}}
    private static byte[] Body(string apiVersion)
    {
        byte[] typeMeta = [0x0a, (byte)apiVersion.Length, .. System.Text.Encoding.ASCII.GetBytes(apiVersion), 0x12, 0x0d, .. "DeleteOptions"u8];
        byte[] preconditions = [0x0a, 0x01, (byte)'u'];
        byte[] raw = [0x12, (byte)preconditions.Length, .. preconditions, 0x22, 0x0a, .. "Background"u8, 0x2a, 0x03, .. "All"u8];
        return [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw];
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("meta.k8s.io/v1")]
    public void DeleteOptions_decode_to_JSON(string apiVersion)
    {
        var options = KubernetesProtobuf.TryDecode(Body(apiVersion))!;

        Assert.Equal(
            $$"""{"apiVersion":"{{apiVersion}}","kind":"DeleteOptions","preconditions":{"uid":"u"},"propagationPolicy":"Background","dryRun":["All"]}""",
            options.ToJsonString());
    }
}
