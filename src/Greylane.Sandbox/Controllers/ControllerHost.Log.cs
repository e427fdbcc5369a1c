using Greylane.Sandbox.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Controllers;

/// <summary>Log messages of the controller loop.</summary>
internal sealed partial class ControllerHost
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Conflict reconciling {Key}; retrying with fresh state")]
    private static partial void LogConflict(ILogger logger, WorkKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Key} failed; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception ex, WorkKey key, TimeSpan delay);
}
