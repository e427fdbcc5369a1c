using Greylane.Webhook.Controller;
using Greylane.Webhook.Hosting;
using Microsoft.Extensions.Configuration;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ControllerOptionsTests
{
    [Fact]
    public void Without_a_cluster_the_controller_stays_off_by_default()
    {
        var options = ControllerOptions.From(Config());

        Assert.False(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryPeriod);
        Assert.Equal("greylane-system", options.LeaseNamespace);
    }

    [Theory]
    [InlineData("controller=maybe", "--controller 'maybe' is not one of auto, true, false")]
    [InlineData("controller=true", "--controller true needs a cluster: pass --kubeconfig PATH")]
    [InlineData("kubeconfig=/nonexistent/kubeconfig", "--kubeconfig '/nonexistent/kubeconfig' does not exist")]
    [InlineData("leader-elect=sometimes", "--leader-elect 'sometimes' is not true or false")]
    [InlineData("workers=0", "--workers '0' is not a whole number from 1 to 64")]
    [InlineData("lease-duration=5s", "leader election needs --retry-period < --renew-deadline < --lease-duration")]
    [InlineData("retry-period=soon", "--retry-period 'soon' is not a positive duration such as 15s")]
    public void A_wrong_setting_is_refused_with_its_fix(string setting, string message)
    {
        var error = Assert.Throws<WebhookOptionsException>(() => ControllerOptions.From(Config(setting)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params string[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], (string?)p[1]))).Build();
}
