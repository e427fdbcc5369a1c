using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>
/// A Deployment's spec read with the apps/v1 defaults (replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600), so the controller behaves the same whether or not the API defaulted the object.
/// </summary>
internal sealed record DeploymentView(JsonObject Obj)
{
    private JsonObject Spec => Obj["spec"] as JsonObject ?? [];

    private JsonObject? Strategy => Spec["strategy"] as JsonObject;

    public string Name => Meta.Name(Obj);

    public string Namespace => Meta.Namespace(Obj);

    public string Uid => Meta.Uid(Obj);

    public int Replicas => (int)(Meta.Int(Spec, "replicas") ?? 1);

    public bool Paused => Meta.Bool(Spec, "paused");

    public bool IsRecreate => Meta.Str(Strategy, "type") == "Recreate";

    public int MinReadySeconds => (int)(Meta.Int(Spec, "minReadySeconds") ?? 0);

    public long ProgressDeadlineSeconds => Meta.Int(Spec, "progressDeadlineSeconds") ?? 600;

    /// <summary>deploymentutil.HasProgressDeadline: MaxInt32 means "no deadline".</summary>
    public bool HasProgressDeadline => ProgressDeadlineSeconds != int.MaxValue;

    public int RevisionHistoryLimit => (int)(Meta.Int(Spec, "revisionHistoryLimit") ?? 10);

    public JsonObject? Selector => Spec["selector"] as JsonObject;

    public JsonObject? Template => Spec["template"] as JsonObject;

    public JsonObject Status => Obj["status"] as JsonObject ?? [];

    /// <summary>deploymentutil.MaxSurge: 0 unless RollingUpdate.</summary>
    public int MaxSurge => IsRecreate ? 0 : Fenceposts().Surge;

    /// <summary>deploymentutil.MaxUnavailable: 0 unless RollingUpdate with replicas; never more than replicas.</summary>
    public int MaxUnavailable => IsRecreate || Replicas == 0 ? 0 : Math.Min(Fenceposts().Unavailable, Replicas);

    /// <summary>deploymentutil.ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 means unavailable 1.</summary>
    private (int Surge, int Unavailable) Fenceposts()
    {
        var rolling = Strategy?["rollingUpdate"] as JsonObject;
        var surge = IntOrPercent.Scaled(rolling?["maxSurge"], "25%", Replicas, roundUp: true);
        var unavailable = IntOrPercent.Scaled(rolling?["maxUnavailable"], "25%", Replicas, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }
}
