using Greylane.Testing.Certificates;
using Greylane.Testing.Hosts;
using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Tls.Tests;

public sealed class CertificateRotationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Kubelet_symlink_swap_is_served_from_the_next_handshake()
    {
        var first = TestPki.Issue("first");
        var second = TestPki.Issue("second");
        using var files = CertificateFiles.Kubelet(first);
        await using var server = await WebhookServer.StartAsync(files);
        Assert.Equal(first.Thumbprint, (await server.HandshakeAsync()).Thumbprint);

        files.Swap(second);

        Assert.Equal(second.Thumbprint, await PresentedWithinBoundAsync(server, second.Thumbprint));
        using var client = server.Client();
        Assert.Equal("ok\n", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Plain_files_replaced_in_place_are_served_from_the_next_handshake()
    {
        var first = TestPki.Issue("first");
        var second = TestPki.Issue("second");
        using var files = CertificateFiles.Plain(first);
        await using var server = await WebhookServer.StartAsync(files);

        files.Swap(second);

        Assert.Equal(second.Thumbprint, await PresentedWithinBoundAsync(server, second.Thumbprint));
    }

    [Fact]
    public async Task Broken_key_keeps_the_current_certificate_until_a_good_pair_arrives()
    {
        var first = TestPki.Issue("first");
        var second = TestPki.Issue("second");
        using var files = CertificateFiles.Plain(first);
        await using var server = await WebhookServer.StartAsync(files);

        files.BreakKey();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three poll periods: a broken pair had every chance to be picked up
        Assert.Equal(first.Thumbprint, (await server.HandshakeAsync()).Thumbprint);

        files.Swap(second);
        Assert.Equal(second.Thumbprint, await PresentedWithinBoundAsync(server, second.Thumbprint));
    }

    private static async Task<string> PresentedWithinBoundAsync(WebhookServer server, string wanted)
    {
        var deadline = DateTime.UtcNow + Bound;
        string seen;
        do
        {
            seen = (await server.HandshakeAsync()).Thumbprint;
            if (seen == wanted)
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return seen;
    }
}
