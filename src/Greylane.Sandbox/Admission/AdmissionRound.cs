using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// The state of one admission across its rounds: the object as mutated so far, the warnings, and apiserver's
/// reinvocation bookkeeping (IfNeeded webhooks already called, and those to call again after a later change).
/// </summary>
internal sealed class AdmissionRound(AdmissionAttributes attributes)
{
    public AdmissionAttributes Attributes { get; } = attributes;

    public JsonObject? Object { get; set; } = attributes.Object;

    public List<string> Warnings { get; } = [];

    public HashSet<string> PreviouslyInvoked { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Reinvoke { get; } = new(StringComparer.Ordinal);

    public bool Changed { get; private set; }

    /// <summary>The attributes as the next webhook sees them: the current object in place of the submitted one.</summary>
    public AdmissionAttributes Current => Attributes with { Object = Object };

    /// <summary>Records a call: a change makes every earlier IfNeeded webhook due again; an IfNeeded webhook is remembered after.</summary>
    public void Called(Webhook hook, bool changed)
    {
        if (changed)
        {
            Changed = true;
            Reinvoke.UnionWith(PreviouslyInvoked);
            PreviouslyInvoked.Clear();
        }

        if (hook.ReinvokeIfNeeded)
            PreviouslyInvoked.Add(hook.Uid);
    }
}
