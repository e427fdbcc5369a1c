using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Defaults;

/// <summary>apps/v1 Deployment defaults (pkg/apis/apps/v1/defaults.go).</summary>
internal static class DeploymentDefaults
{
    public static void Apply(JsonObject deployment)
    {
        var spec = Defaulting.Child(deployment, "spec");
        Defaulting.Default(spec, "replicas", 1);
        Defaulting.Default(spec, "revisionHistoryLimit", 10);
        Defaulting.Default(spec, "progressDeadlineSeconds", 600);
        var strategy = Defaulting.Child(spec, "strategy");
        Defaulting.Default(strategy, "type", "RollingUpdate");
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            var rolling = Defaulting.Child(strategy, "rollingUpdate");
            Defaulting.Default(rolling, "maxUnavailable", "25%");
            Defaulting.Default(rolling, "maxSurge", "25%");
        }

        PodDefaults.ApplyToTemplate(Defaulting.Child(spec, "template"));
    }
}
