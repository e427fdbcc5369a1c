using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    [Fact]
    public void A_certificate_without_server_authentication_is_refused_at_start_with_a_message_naming_the_fix()
    {
        using var files = CertificateFiles.Plain(ClientOnly("client"));

        var e = Assert.Throws<Hosting.WebhookOptionsException>(() =>
            new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromHours(1), new FakeTimeProvider(), NullLogger<CertificateStore>.Instance));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("leaves out server authentication (1.3.6.1.5.5.7.3.1)", problem, StringComparison.Ordinal);
        Assert.Contains("'server auth' usage", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rotation_to_a_certificate_without_server_authentication_keeps_the_one_in_use()
    {
        var first = TestPki.Issue("first");
        using var files = CertificateFiles.Kubelet(first);
        using var store = new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromHours(1), new FakeTimeProvider(), NullLogger<CertificateStore>.Instance);

        files.Swap(ClientOnly("client"));
        store.Reload();

        Assert.Equal(first.Thumbprint, store.Current.Thumbprint);
    }

    [Fact]
    public async Task Handshakes_at_once_all_see_server_authentication_on_a_certificate_just_loaded()
    {
        // Kestrel checks the usage on every handshake when a selector serves the certificate. Before the store read the
        // usages itself, four threads reading them first on a fresh certificate saw none 6 and 8 times in two runs of 3,000 rounds like these.
        using var files = CertificateFiles.Kubelet(TestPki.Issue("first"));
        using var store = new CertificateStore(files.CertificatePath, files.KeyPath, TimeSpan.FromHours(1), new FakeTimeProvider(), NullLogger<CertificateStore>.Instance);
        var refused = 0;
        for (var i = 0; i < 2000; i++)
        {
            files.Swap(TestPki.Issue($"n{i}"));
            store.Reload();
            var certificate = store.Current;
            using var start = new Barrier(4);
            var reads = Enumerable.Range(0, 4)
                .Select(_ => Task.Factory.StartNew(() => { start.SignalAndWait(); return AllowsServerAuthentication(certificate); }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            refused += (await Task.WhenAll(reads)).Count(allowed => !allowed);
        }

        Assert.Equal(0, refused);
    }

    // Kestrel's own rule (CertificateLoader.IsCertificateAllowedForServerAuth), read the way it reads it.
    private static bool AllowsServerAuthentication(X509Certificate2 certificate)
    {
        var hasUsage = false;
        foreach (var usage in certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>())
        {
            hasUsage = true;
            foreach (var oid in usage.EnhancedKeyUsages)
            {
                if (oid.Value == "1.3.6.1.5.5.7.3.1")
                {
                    return true;
                }
            }
        }

        return !hasUsage;
    }

    private static ServingPem ClientOnly(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return new ServingPem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }
}
