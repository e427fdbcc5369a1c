using Greylane.Core;
using Greylane.Testing.Hosts;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller.Tests;

public sealed class DeploymentCacheTests
{
    [Fact]
    public async Task A_list_longer_than_a_page_is_read_whole_one_page_at_a_time()
    {
        await using var bed = await ControllerBed.StartAsync();
        const int optedIn = DeploymentCache.PageSize * 2 + 3;
        for (var i = 0; i < optedIn; i++)
        {
            await bed.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment($"web-{i:D3}", optedIn: true), ControllerBed.Namespace);
        }

        await bed.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("not-opted-in", optedIn: false), ControllerBed.Namespace);
        var lists = new ListCounter();
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(bed.KubeconfigPath), lists);

        var listed = await DeploymentCache.ListAsync(client, CancellationToken.None);

        Assert.Equal(optedIn, listed.Items.Select(e => e.Name).Distinct().Count());
        Assert.DoesNotContain(listed.Items, e => e.Name == "not-opted-in");
        Assert.False(string.IsNullOrEmpty(listed.ResourceVersion));
        Assert.Equal(3, lists.Requests);
        Assert.All(lists.Limits, limit => Assert.Equal(DeploymentCache.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), limit));
    }

    private static V1Deployment Deployment(string name, bool optedIn) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = optedIn ? new Dictionary<string, string> { [GreylaneKeys.Managed] = "true" } : null },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "web:v1" }] },
            },
        },
    };

    /// <summary>Counts the list requests the client sends and the page size each asked for.</summary>
    private sealed class ListCounter : DelegatingHandler
    {
        public int Requests;

        public List<string?> Limits { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            Limits.Add(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["limit"]);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
