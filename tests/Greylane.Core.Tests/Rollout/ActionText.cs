using System.Globalization;
using Greylane.Core.Rollout;
using A = Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout.Tests;

/// <summary>Short, readable action names for table rows and failure messages.</summary>
internal static class ActionText
{
    public static string Show(RolloutAction action) => action switch
    {
        A.Emit e => $"Emit({e.Reason})",
        A.ScaleCanary s => string.Create(CultureInfo.InvariantCulture, $"ScaleCanary({s.Release},{s.Replicas})"),
        A.ApplyRouting r => string.Create(CultureInfo.InvariantCulture, $"ApplyRouting({r.Step})"),
        A.Measure m => $"Measure({string.Join(",", m.Metrics)})",
        A.DeleteCanary d => $"DeleteCanary({d.Release})",
        A.RequeueAfter r => string.Create(CultureInfo.InvariantCulture, $"RequeueAfter({r.Delay.TotalSeconds}s)"),
        _ => action.GetType().Name,
    };

    public static string[] Show(IEnumerable<RolloutAction> actions) => [.. actions.Select(Show)];
}
