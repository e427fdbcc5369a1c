using Greylane.Testing.Certificates;
using Greylane.Webhook.Support.Tests;
using Greylane.Webhook.Tls;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Tls.Tests;

public sealed class CertificateStoreTests
{
    [Fact]
    public void Poll_picks_up_a_swap_when_no_file_event_arrives()
    {
        var first = TestPki.Issue("first");
        var second = TestPki.Issue("second");
        using var files = CertificateFiles.Kubelet(first);
        var time = new FakeTimeProvider();
        using var store = new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromSeconds(10), time, NullLogger<CertificateStore>.Instance);

        files.Swap(second);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(second.Thumbprint, store.Current.Thumbprint);
    }

    [Fact]
    public async Task Symlink_swap_event_reloads_after_the_debounce_without_waiting_for_the_poll()
    {
        var first = TestPki.Issue("first");
        var second = TestPki.Issue("second");
        using var files = CertificateFiles.Kubelet(first);
        var time = new FakeTimeProvider();
        using var store = new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromHours(1), time, NullLogger<CertificateStore>.Instance);

        files.Swap(second);

        // The watcher's events arrive on their own thread; the fake clock only ever moves the 100 ms debounce.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Current.Thumbprint != second.Thumbprint && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(second.Thumbprint, store.Current.Thumbprint);
        Assert.True(time.GetUtcNow() - time.Start < TimeSpan.FromHours(1), "reloaded by the poll, not by the event");
    }

    [Fact]
    public void Unchanged_files_keep_the_same_certificate_instance()
    {
        using var files = CertificateFiles.Plain(TestPki.Issue("only"));
        var time = new FakeTimeProvider();
        using var store = new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromSeconds(10), time, NullLogger<CertificateStore>.Instance);
        var before = store.Current;

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Same(before, store.Current);
    }
}
