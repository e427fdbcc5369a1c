using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Greylane.Cli.Support.Tests;
using Greylane.Testing.Waiting;

namespace Greylane.Cli.Dashboard.Tests;

public sealed partial class DashboardCommandTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task It_prints_a_loopback_address_with_a_token_serves_it_and_stops_on_Ctrl_C()
    {
        using var interrupt = new CancellationTokenSource();
        var (run, stdout, stderr) = CliRunner.Start(_sandbox.Environment, interrupt.Token, "dashboard", "-n", CliSandbox.Namespace, "--no-browser");

        var printed = await Eventually.UntilAsync(() => stdout.ToString(), text => PrintedUrl().IsMatch(text) || run.IsCompleted, "the dashboard's address", describe: text => text + stderr);
        var url = new Uri(PrintedUrl().Match(printed).Value);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var first = await http.GetAsync(url);
        await interrupt.CancelAsync();
        var code = await run;

        Assert.Contains("Greylane dashboard (namespace shop, with your kubeconfig's rights): http://127.0.0.1:", printed, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Matches("^\\?token=[A-Za-z0-9_-]{43}$", url.Query);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(0, code);
        Assert.EndsWith("Dashboard stopped.\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    [Theory]
    [InlineData("-A -n shop", "error: -n shop and -A (all namespaces) exclude each other; pass one of them\n")]
    [InlineData("--port 70000", "error: --port 70000 is not a port; give a number from 1 to 65535, or leave --port out for a free one\n")]
    [InlineData("--port x", "error: --port x is not a port; give a number from 1 to 65535, or leave --port out for a free one\n")]
    [InlineData("web", "error: dashboard takes no arguments (got web); use -n NS for one namespace or -A for all\n")]
    public async Task Wrong_flags_are_errors_that_name_the_fix(string args, string error)
    {
        var run = await _sandbox.RunAsync(["dashboard", "--no-browser", .. args.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error, run.Stderr);
    }

    [Fact]
    public async Task A_port_in_use_is_an_error_that_names_the_fix()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await _sandbox.RunAsync("dashboard", "--no-browser", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port} (", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("pick another port with --port, or leave --port out for a free one\n", run.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]+")]
    private static partial Regex PrintedUrl();
}
