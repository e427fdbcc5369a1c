using Greylane.Core.Notifications;
using Greylane.Core.Strategy;

namespace Greylane.Core.Notifications.Tests;

public sealed class NotifyFieldTests
{
    [Fact]
    public void Without_notify_everything_but_step_passed_is_sent()
    {
        var strategy = StrategyReader.Read("progressDeadline: 5m").Strategy!;

        Assert.Equal(NotificationTypes.All.Where(t => t != NotificationType.StepPassed), NotificationTypes.All.Where(strategy.Notify.Sends));
    }

    [Fact]
    public void Notify_on_narrows_to_the_types_named()
    {
        var strategy = StrategyReader.Read("notify: {on: [rolled-back, paused]}").Strategy!;

        Assert.Equal([NotificationType.Paused, NotificationType.RolledBack], NotificationTypes.All.Where(strategy.Notify.Sends));
    }

    [Fact]
    public void An_empty_list_sends_nothing()
    {
        var strategy = StrategyReader.Read("notify: {on: []}").Strategy!;

        Assert.DoesNotContain(NotificationTypes.All, strategy.Notify.Sends);
    }

    [Theory]
    [InlineData("notify: {on: [rollback]}", "notify.on[0]: \"rollback\" is not a notification type; use started, step-passed, paused, resumed, promoted, rolled-back, superseded")]
    [InlineData("notify: {on: rolled-back}", "notify.on: expected a list of notification types (started, step-passed, paused, resumed, promoted, rolled-back, superseded); got the string \"rolled-back\"")]
    [InlineData("notify: {url: 'http://evil.example'}", "notify.url: unknown field; allowed: on (where notifications go is the operator's setting, --notify-url, never the strategy's)")]
    [InlineData("notify: [paused]", "notify: expected a mapping with field on, e.g. {on: [rolled-back, paused]}; got a list")]
    [InlineData("notify: {on: [paused, 3]}", "notify.on[1]: expected a string; got the number 3; put it in quotes: \"3\"")]
    public void A_wrong_notify_field_is_refused_with_its_path_and_the_fix(string strategy, string error)
    {
        Assert.Equal([error], StrategyReader.Read(strategy).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_webhook_check_of_a_partial_strategy_refuses_addresses_too()
    {
        Assert.Contains(StrategyReader.CheckPartial("notify: {webhook: 'http://x'}"), e => e.Field == "notify.webhook");
    }
}
