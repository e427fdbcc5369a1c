using System.Collections.Concurrent;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// The cut points of a walk through a release, shared by every process of a scenario: each point (by default a phase
/// and step) is cut once, by whichever process reaches it first, so a fleet of restarted processes walks the whole release.
/// </summary>
internal sealed class CutBook(Func<StatusWrite, string?> pointOf)
{
    private readonly ConcurrentDictionary<string, bool> _cut = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Every phase and step is its own cut point.</summary>
    public static CutBook EveryPhaseAndStep() => new(s => s.AtRest && s.Phase == "Idle" ? null : $"{s.Phase}#{s.Step}");

    /// <summary>Each phase is cut once, at its first step.</summary>
    public static CutBook EveryPhase() => new(s => s.Phase == "Idle" ? null : s.Phase);

    /// <summary>The points cut so far, in order.</summary>
    public IReadOnlyList<string> Cut => [.. _order];

    /// <summary>True (once) when <paramref name="status"/> is a cut point not cut yet.</summary>
    public bool Claim(StatusWrite status)
    {
        if (pointOf(status) is not { } point || !_cut.TryAdd(point, true))
        {
            return false;
        }

        _order.Enqueue(point);
        return true;
    }
}
