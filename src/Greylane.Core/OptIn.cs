namespace Greylane.Core;

/// <summary>The opt-in rule every side reads a Deployment by: admission, the controller, <c>status</c> and <c>plan</c>.</summary>
public static class OptIn
{
    /// <summary>True when the value of <see cref="GreylaneKeys.Enabled"/> opts the Deployment in: exactly <c>"true"</c>.</summary>
    public static bool IsEnabled(string? annotation) => annotation == "true";
}
