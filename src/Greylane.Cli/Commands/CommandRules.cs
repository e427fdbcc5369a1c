using Greylane.Core.Rollout;

namespace Greylane.Cli.Commands;

/// <summary>Which phase each command applies in, checked before it is sent so the user gets the reason at once.</summary>
internal static class CommandRules
{
    /// <summary>Phases with a release in progress (promote, abort, pause and resume act only here).</summary>
    public static bool InProgress(RolloutPhase phase) =>
        !phase.IsAtRest;

    /// <summary>The annotation value for a verb (<c>promote --full</c> is <c>promote-full</c>).</summary>
    public static string Value(string verb, bool full) => verb == "promote" && full ? "promote-full" : verb;

    /// <summary>Null when the command applies in <paramref name="phase"/>, else why not and what to do instead.</summary>
    public static string? Refusal(string verb, RolloutPhase phase, string deployment, string ns) => verb switch
    {
        "retry" when phase != RolloutPhase.RolledBack =>
            $"retry applies only to a release that was rolled back; {ns}/{deployment} is in phase {phase}{Hint(phase, deployment, ns)}",
        "retry" => null,
        _ when !InProgress(phase) =>
            $"no release is in progress for {ns}/{deployment}: it is in phase {phase}, so there is nothing to {verb}{Hint(phase, deployment, ns)}",
        _ => null,
    };

    private static string Hint(RolloutPhase phase, string deployment, string ns) => phase switch
    {
        RolloutPhase.RolledBack => $"; `kubectl greylane retry {deployment} -n {ns}` starts it again, or ship another template",
        RolloutPhase.Idle or RolloutPhase.Completed => "; a release starts when the pod template changes (kubectl set image, kubectl apply, helm upgrade)",
        _ => $"; see `kubectl greylane status {deployment} -n {ns}`",
    };
}
