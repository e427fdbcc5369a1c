using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Admission;

/// <summary>Source-generated log messages of <see cref="WebhookAdmissionChain"/>.</summary>
public sealed partial class WebhookAdmissionChain
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "matchCondition expression \"{Expression}\" is outside the CEL subset the sandbox evaluates ({Problem}); treating it as true")]
        public static partial void UnsupportedMatchCondition(ILogger logger, string expression, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Failed calling webhook, failing open {Webhook}: {Error}")]
        public static partial void FailingOpen(ILogger logger, string webhook, string error);

        [LoggerMessage(3, LogLevel.Warning, "Failed calling webhook, failing closed {Webhook}: {Error}")]
        public static partial void FailingClosed(ILogger logger, string webhook, string error);
    }
}
