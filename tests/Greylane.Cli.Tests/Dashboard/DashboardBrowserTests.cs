using Greylane.Cli.Support.Tests;
using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using OpenQA.Selenium;
using HostReleases = Greylane.Testing.Hosts.Releases;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>
/// The page in a real headless chromium against the sandbox with Greylane's real controller. Bounded: about a minute
/// for the class on two cores (one browser, one controller, a few releases).
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    private IWebDriver Browser => fixture.Browser;

    [Fact]
    public async Task The_overview_shows_a_release_and_follows_it_live_to_the_next_step()
    {
        await fixture.Bed.DeployAsync("live-web", BrowserFixture.TwoManualSteps);
        await fixture.Bed.ReleaseToPauseAsync("live-web");
        Open("");

        await UntilTextAsync("tr[data-release='shop/live-web'] td.phase", "StepPaused");
        await UntilTextAsync("tr[data-release='shop/live-web'] td:nth-child(4)", "1/2");
        Assert.DoesNotContain("token=", Browser.Url, StringComparison.Ordinal);
        ((IJavaScriptExecutor)Browser).ExecuteScript("window.greylaneMarker = 42;");
        HeadlessChromium.Screenshot(Browser, "overview");

        var promote = await CliRunner.RunAsync(fixture.Environment, "promote", "live-web", "-n", ControllerBed.Namespace);
        Assert.True(promote.ExitCode == 0, promote.Stderr);

        await UntilTextAsync("tr[data-release='shop/live-web'] td:nth-child(4)", "2/2");
        await UntilTextAsync("tr[data-release='shop/live-web'] td.phase", "StepPaused");
        Assert.Equal(42L, ((IJavaScriptExecutor)Browser).ExecuteScript("return window.greylaneMarker;"));
    }

    [Fact]
    public async Task An_action_runs_only_after_its_confirmation_and_reaches_the_Deployment()
    {
        await fixture.Bed.DeployAsync("act-web", BrowserFixture.TwoManualSteps);
        await fixture.Bed.ReleaseToPauseAsync("act-web");
        Open("#/shop/act-web");
        await UntilTextAsync("#release-phase", "StepPaused");

        Browser.FindElement(By.CssSelector("button[data-command='pause']")).Click();
        await UntilAsync("return document.getElementById('confirm').open;", true);
        Browser.FindElement(By.Id("confirm-no")).Click();
        await UntilAsync("return document.getElementById('confirm').open;", false);
        Assert.Equal("", Script("return document.getElementById('action-result').textContent;"));

        Browser.FindElement(By.CssSelector("button[data-command='abort']")).Click();
        await UntilAsync("return document.getElementById('confirm').open;", true);
        Assert.Contains("Send abort to shop/act-web?", Script("return document.getElementById('confirm-title').textContent;"), StringComparison.Ordinal);
        Browser.FindElement(By.Id("confirm-yes")).Click();

        var deployment = await Eventually.UntilAsync(
            () => fixture.Bed.GetAsync("act-web"), d => HostReleases.Phase(d) == RolloutPhase.RolledBack, "act-web rolled back by the page's abort", Bound);
        var status = HostReleases.Status(deployment);
        Assert.Contains(status.History, h => h.Trigger == RolloutTrigger.Abort);
        Assert.DoesNotContain(status.History, h => h.Trigger == RolloutTrigger.Pause);
        await UntilTextAsync("#release-phase", "RolledBack");
        Assert.Contains("abort sent to shop/act-web", Script("return document.getElementById('action-result').textContent;"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolled_back_release_shows_its_failing_measurements_on_its_chart()
    {
        await fixture.Bed.CreateAsync(RolledBackWithMeasurements("chart-web"));
        Open("#/shop/chart-web");

        await UntilTextAsync("#release-phase", "RolledBack");
        await UntilAsync("return document.querySelectorAll(\"figure[data-metric='success-rate'] svg .pt-Fail\").length;", 2L);
        Assert.Equal(3L, ((IJavaScriptExecutor)Browser).ExecuteScript("return document.querySelectorAll(\"figure[data-metric='success-rate'] svg .pt-Pass\").length;"));
        Assert.Equal(1L, ((IJavaScriptExecutor)Browser).ExecuteScript("return document.querySelectorAll(\"figure[data-metric='success-rate'] svg .pt-Inconclusive\").length;"));
        Assert.Equal(1L, ((IJavaScriptExecutor)Browser).ExecuteScript("return document.querySelectorAll(\"figure[data-metric='success-rate'] svg .threshold\").length;"));
        Assert.Contains("2 failed", Script("return document.querySelector(\"figure[data-metric='success-rate'] .legend\").textContent;"), StringComparison.Ordinal);
        Assert.Equal("Step 1: rolled back here", Script("return document.querySelector('#steps li.rolled-back .state').textContent;"));
        Assert.Contains("min 0.99", Script("return document.querySelector(\"figure[data-metric='success-rate'] svg\").getAttribute('aria-label');"), StringComparison.Ordinal);
        HeadlessChromium.Screenshot(Browser, "release");
    }

    [Fact]
    public async Task Without_the_token_the_browser_gets_nothing_but_the_refusal()
    {
        Open("");
        Browser.Manage().Cookies.DeleteAllCookies();

        Browser.Navigate().GoToUrl(fixture.Server.Origin);

        await UntilAsync("return document.body.innerText.includes('missing or wrong token');", true);
        Assert.Equal(0L, ((IJavaScriptExecutor)Browser).ExecuteScript("return document.querySelectorAll('#releases').length;"));
    }

    private void Open(string hash)
    {
        // The printed address (with the token) first: it sets the cookie and leaves the token out of the address bar.
        Browser.Navigate().GoToUrl(fixture.Server.Url);
        if (hash.Length > 0)
        {
            Browser.Navigate().GoToUrl(new Uri(fixture.Server.Origin, "/" + hash));
        }
    }

    private string Script(string script) => ((IJavaScriptExecutor)Browser).ExecuteScript(script)?.ToString() ?? "";

    private Task UntilTextAsync(string selector, string text) =>
        UntilAsync($"const e = document.querySelector(\"{selector}\"); return e ? e.textContent : null;", text);

    private Task UntilAsync(string script, object expected) =>
        Eventually.UntilAsync(() => ((IJavaScriptExecutor)Browser).ExecuteScript(script), v => Equals(v, expected), $"`{script}` to return {expected}", Bound, v => $"{v ?? "null"}", TimeSpan.FromMilliseconds(100));

    // A release the controller rolled back after failing measurements, as its status records it.
    private static string RolledBackWithMeasurements(string name)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        IReadOnlyList<RecordedMeasurement> series = [];
        var taken = new (MeasurementVerdict Verdict, double? Value, string? Message)[]
        {
            (MeasurementVerdict.Pass, 0.998, null), (MeasurementVerdict.Pass, 0.995, null), (MeasurementVerdict.Inconclusive, null, "no data"),
            (MeasurementVerdict.Pass, 0.993, null), (MeasurementVerdict.Fail, 0.95, "0.95 below min 0.99"), (MeasurementVerdict.Fail, 0.91, "0.91 below min 0.99"),
        };
        for (var i = 0; i < taken.Length; i++)
        {
            series = MeasurementSeries.Append(series, 0, new Measurement("success-rate", taken[i].Verdict, taken[i].Value, taken[i].Message, start.AddSeconds(30 * i)));
        }

        var status = new RolloutStatus
        {
            Phase = RolloutPhase.RolledBack,
            Release = "cccc333333",
            Stable = "dddd444444",
            Since = start.AddMinutes(4),
            ReleaseCleared = true,
            Message = "step 1/1: analysis failed (success-rate 2 > failureLimit 1, last 0.91): rolled back",
            Measurements = series,
            History =
            [
                new TransitionRecord(RolloutPhase.StepAnalyzing, RolloutPhase.Aborting, RolloutTrigger.MeasurementFailed, start.AddMinutes(3)),
                new TransitionRecord(RolloutPhase.Aborting, RolloutPhase.RolledBack, RolloutTrigger.CanaryDeleted, start.AddMinutes(4)),
            ],
        };
        var yaml = HostReleases.Deployment(name, """
            steps:
              - replicas: 1
                analysis: [success-rate]
            analysis:
              metrics:
                - name: success-rate
                  query: sum(rate(http_requests_total{code!~"5.."}[1m])) / sum(rate(http_requests_total[1m]))
                  min: 0.99
                  count: 3
                  failureLimit: 1
            """);
        var json = System.Text.Json.JsonSerializer.Serialize(RolloutStatusJson.Write(status));
        return yaml.Replace("  annotations:\n", $"  annotations:\n    greylane.dev/status: {json}\n", StringComparison.Ordinal);
    }
}
