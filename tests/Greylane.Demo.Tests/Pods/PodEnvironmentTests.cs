using System.Text.Json.Nodes;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Pods.Tests;

public sealed class PodEnvironmentTests
{
    [Fact]
    public void Literal_values_and_downward_api_fields_are_resolved_from_the_pod()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"mockb-base-canary-1-abcde","namespace":"e2e","labels":{"version":"canary"}},
             "spec":{"containers":[{"name":"default","env":[
               {"name":"APP","value":"mockb"},
               {"name":"VERSION","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['version']"}}},
               {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
               {"name":"IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
               {"name":"MISSING","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['nope']"}}}]}]},
             "status":{"podIP":"10.244.1.42"}}
            """)!.AsObject();

        var env = PodEnvironment.Of(pod);

        Assert.Equal("mockb", env["APP"]);
        Assert.Equal("canary", env["VERSION"]);
        Assert.Equal("mockb-base-canary-1-abcde", env["POD"]);
        Assert.Equal("10.244.1.42", env["IP"]);
        Assert.Equal("", env["MISSING"]);
    }
}
