using System.Reflection;
using Greylane.Webhook.Logging;
using Microsoft.Extensions.Logging;

namespace Greylane.Webhook.Logging.Tests;

public sealed class LogEventsTests
{
    private static readonly IReadOnlyList<(string Method, LoggerMessageAttribute Message)> Messages =
    [
        .. typeof(LogEvents).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Message: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Message is not null)
            .Select(m => (m.Method, m.Message!)),
    ];

    [Fact]
    public void Every_log_message_of_the_process_has_an_id_from_the_one_list_and_no_id_is_used_twice()
    {
        var listed = typeof(LogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();

        Assert.NotEmpty(Messages);
        Assert.All(Messages, m => Assert.True(listed.Contains(m.Message.EventId), $"{m.Method} uses event id {m.Message.EventId}, which LogEvents does not list"));
        Assert.Empty(Messages.GroupBy(m => m.Message.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}"));
        Assert.Equal(listed.Count, Messages.Count);
    }
}
