namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// "When a request matching <see cref="Trigger"/> has landed, act" — or, with <see cref="Then"/>, "act when the
/// <see cref="After"/>-th request matching <see cref="Then"/> that follows the trigger has landed" (a cut in the middle
/// of an action). Fires once. Predicates see only requests the sandbox answered 2xx.
/// </summary>
internal sealed class ChaosRule(string name, Func<ProxyExchange, bool> trigger, ChaosAction action = ChaosAction.Kill)
{
    private bool _triggered;
    private int _seen;

    public string Name { get; } = name;

    public ChaosAction Action { get; } = action;

    public Func<ProxyExchange, bool>? Then { get; init; }

    public int After { get; init; } = 1;

    public bool Fired { get; private set; }

    /// <summary>Fires on the status write of <paramref name="phase"/> (and step, if given).</summary>
    public static Func<ProxyExchange, bool> StatusWrite(string phase, int? step = null) =>
        e => e.Status is { } s && s.Phase == phase && (step is null || s.Step == step);

    /// <summary>True when this answered request makes the rule fire now.</summary>
    public bool Matches(ProxyExchange exchange)
    {
        if (Fired || !exchange.Landed)
        {
            return false;
        }

        if (!_triggered)
        {
            if (!trigger(exchange))
            {
                return false;
            }

            _triggered = true;
            if (Then is null)
            {
                Fired = true;
                return true;
            }

            return false;
        }

        if (Then!(exchange) && ++_seen >= After)
        {
            Fired = true;
            return true;
        }

        return false;
    }
}
