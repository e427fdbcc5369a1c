using System.Text.Json.Nodes;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Pods.Tests;

/// <summary>Which pods the playground's kubelet runs as real processes: those of the sample service's image only.</summary>
public sealed class SampleImageTests
{
    [Theory]
    [InlineData("greylane/sample-service:1.0", true)]
    [InlineData("greylane/sample-service:1.2", true)]
    [InlineData("greylane/sample-service", true)]
    [InlineData("nginx:1.27", false)]
    [InlineData("greylane/sample-service-other:1.0", false)]
    [InlineData("example.com/greylane/sample-service:1.0", false)]
    public void Only_the_sample_service_image_runs_as_a_real_service(string image, bool runs)
    {
        var pod = JsonNode.Parse($$$"""{"spec":{"containers":[{"name":"default","image":"{{{image}}}"}]}}""")!.AsObject();

        Assert.Equal(runs, PodRunner.RunsSampleService(pod));
    }
}
