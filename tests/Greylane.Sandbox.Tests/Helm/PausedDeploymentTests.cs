using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Helm.Tests;

/// <summary>
/// helm --wait on a Deployment held paused by admission (what Greylane's webhook does on a template change):
/// helm's ready check (pkg/kube/ready.go, PausedAsReady under --wait) treats a paused Deployment as ready.
/// </summary>
public sealed class PausedDeploymentTests
{
    [Fact]
    public async Task A_Deployment_paused_by_admission_counts_as_ready_for_helm_wait()
    {
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => new PauseOnTemplateChange());
        await sandbox.Server.ApplyIstioCrdsAsync();
        var helm = sandbox.Helm;
        var chart = TestChart.WriteTo(sandbox.Directory);
        await helm.OkAsync("install", "shop", chart, "--wait", "--timeout", "60s");

        // The new pods would never be ready: --wait can only return because the paused Deployment counts as ready.
        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2", "--set", "behavior=never-ready", "--wait", "--timeout", "30s");

        var deployment = sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop")!;
        var status = JsonNode.Parse(await helm.OkAsync("status", "shop", "-o", "json"))!;
        Assert.True(deployment["spec"]!["paused"]!.GetValue<bool>());
        Assert.Single(sandbox.Store.List(BuiltInResources.ReplicaSets, "default"));
        Assert.Equal("deployed", status["info"]!["status"]!.GetValue<string>());
    }

    /// <summary>Pauses an UPDATE of a Deployment whose pod template changes, as Greylane's webhook holds a release.</summary>
    private sealed class PauseOnTemplateChange : IAdmissionChain
    {
        public Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
        {
            var obj = (JsonObject?)attributes.Object?.DeepClone();
            if (attributes is { Operation: "UPDATE", Resource.Plural: "deployments", OldObject: { } old } && obj is not null
                && !JsonNode.DeepEquals(old["spec"]?["template"], obj["spec"]?["template"]))
            {
                obj["spec"]!["paused"] = true;
            }

            return Task.FromResult(new AdmissionOutcome(true, obj, []));
        }
    }
}
