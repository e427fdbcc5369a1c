using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Greylane.Cli.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Waiting;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary><c>kubectl greylane dashboard</c> exactly as a user types it: the real kubectl finds the plugin on PATH.</summary>
public sealed partial class KubectlDashboardTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Kubectl_greylane_dashboard_serves_the_page_with_its_token_and_stops_on_Ctrl_C()
    {
        Assert.True(PluginShim.KubectlInstalled, PluginShim.NotInstalled);
        using var shim = new PluginShim();
        // kubectl execs the plugin, so the Ctrl-C below goes to the process this starts.
        var start = ForegroundJob.StartInfo(PluginShim.Kubectl, ["greylane", "dashboard", "-n", CliSandbox.Namespace, "--no-browser"]);
        start.Environment["PATH"] = shim.Directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["KUBECONFIG"] = _sandbox.KubeconfigPath;
        using var kubectl = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        kubectl.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        kubectl.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        kubectl.BeginOutputReadLine();
        kubectl.BeginErrorReadLine();
        try
        {
            string Out() { lock (stdout) { return stdout.ToString(); } }
            var printed = await Eventually.UntilAsync(Out, text => PrintedUrl().IsMatch(text) || kubectl.HasExited, "the dashboard's address", TimeSpan.FromSeconds(60), text => text + stderr);
            Assert.Matches(PrintedUrl(), printed);

            // The printed address as a browser opens it: the token becomes a cookie, and the page loads with it.
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
            using var page = await http.GetAsync(new Uri(PrintedUrl().Match(printed).Value));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

            using var interrupt = Process.Start("kill", ["-s", "INT", kubectl.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
            try
            {
                await kubectl.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"the dashboard did not stop within 30 s of Ctrl-C; it printed:\n{Out()}{stderr}");
            }

            Assert.Equal(0, kubectl.ExitCode);
            Assert.Contains("Dashboard stopped.", Out(), StringComparison.Ordinal);
        }
        finally
        {
            if (!kubectl.HasExited)
            {
                kubectl.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]+")]
    private static partial Regex PrintedUrl();
}
