using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class RoutingDiscoveryTests
{
    private static readonly Dictionary<string, string> Pods = new() { ["app"] = "mocka", ["version"] = "base" };
    private static readonly JsonObject MockaService = Service("mocka", "{app: mocka}");

    [Theory]
    [InlineData("mocka")]
    [InlineData("mocka.e2e")]
    [InlineData("mocka.e2e.svc.cluster.local")]
    public void The_objects_for_the_host_are_found_whatever_form_names_it(string host)
    {
        var found = Find(Strategy(), [MockaService, Service("mockb", "{app: mockb}")], [Objects.VirtualService(host), Objects.VirtualService("mockb", "vs-b")], [Objects.DestinationRule(host), Objects.DestinationRule("mockb")]);

        Assert.Empty(found.Problems);
        Assert.Equal("mocka", found.Target!.Service);
        Assert.Equal("mocka-base", found.Target.Deployment);
        Assert.Same(MockaService, found.Objects.Service);
        Assert.Equal("vs", Name(Assert.Single(found.Objects.VirtualServices)));
        Assert.Equal($"dr-{host}", Name(found.Objects.DestinationRule!));
    }

    [Fact]
    public void No_service_selecting_the_pods_is_missing_and_says_to_name_one()
    {
        var found = Find(Strategy(), [Service("mockb", "{app: mockb}")], [], []);

        Assert.Null(found.Target);
        var problem = Assert.Single(found.Problems);
        Assert.Equal(RoutingProblemKind.Missing, problem.Kind);
        Assert.Equal("Deployment e2e/mocka-base: no Service in e2e selects its pods (app=mocka, version=base); set traffic.service in the strategy to the Service its VirtualServices route to", problem.Message);
    }

    [Fact]
    public void No_virtualservice_and_no_destinationrule_for_the_host_is_no_problem_here()
    {
        var found = Find(Strategy(), [MockaService], [Objects.VirtualService("mockb")], [Objects.DestinationRule("mockb")]);

        Assert.Empty(found.Problems);
        Assert.Empty(found.Objects.VirtualServices);
        Assert.Null(found.Objects.DestinationRule);
    }

    [Fact]
    public void Several_services_selecting_the_pods_are_refused_by_name()
    {
        var found = Find(Strategy(), [MockaService, Service("mocka-admin", "{app: mocka}")], [], []);

        var problem = Assert.Single(found.Problems);
        Assert.Equal(RoutingProblemKind.Ambiguous, problem.Kind);
        Assert.Equal("Deployment e2e/mocka-base: several Services select its pods (mocka, mocka-admin); set traffic.service in the strategy to the one its VirtualServices route to", problem.Message);
    }

    [Fact]
    public void Several_destinationrules_for_the_host_in_different_forms_are_refused()
    {
        var fqdn = Objects.DestinationRule("mocka.e2e.svc.cluster.local");

        var found = Find(Strategy(), [MockaService], [Objects.VirtualService("mocka")], [Objects.DestinationRule("mocka"), fqdn]);

        var problem = Assert.Single(found.Problems);
        Assert.Equal(RoutingProblemKind.Ambiguous, problem.Kind);
        Assert.Equal("Service e2e/mocka: several DestinationRules are for its host (dr-mocka, dr-mocka.e2e.svc.cluster.local); name the one to use in traffic.istio.destinationRule", problem.Message);
        Assert.Null(found.Objects.DestinationRule);
    }

    [Fact]
    public void Named_objects_win_over_discovery_and_missing_ones_are_named_with_the_fix()
    {
        var strategy = Strategy(new TrafficSpec("mocka", new IstioSpec(["vs", "vs-gone"], "dr-gone"), TimeSpan.FromSeconds(3), null));

        var found = Find(strategy, [], [Objects.VirtualService("mocka"), Objects.VirtualService("mocka", "vs-other")], [Objects.DestinationRule("mocka")]);

        Assert.Equal("mocka", found.Target!.Service);
        Assert.Null(found.Objects.Service);
        Assert.Equal("vs", Name(Assert.Single(found.Objects.VirtualServices)));
        Assert.Null(found.Objects.DestinationRule);
        Assert.Equal(
            [
                "VirtualService e2e/vs-gone (traffic.istio.virtualServices) does not exist; create it in e2e or correct the name in the strategy",
                "DestinationRule e2e/dr-gone (traffic.istio.destinationRule) does not exist; create it in e2e or correct the name in the strategy",
            ],
            found.Errors);
        Assert.All(found.Problems, p => Assert.Equal(RoutingProblemKind.Missing, p.Kind));
    }

    [Fact]
    public void Names_that_leave_the_namespace_are_refused_before_anything_is_chosen()
    {
        var strategy = Strategy(new TrafficSpec("other/mocka", new IstioSpec(["vs.other"], "other/dr"), TimeSpan.FromSeconds(3), null));

        var found = Find(strategy, [MockaService], [Objects.VirtualService("mocka")], [Objects.DestinationRule("mocka")]);

        Assert.Null(found.Target);
        Assert.Equal(3, found.Problems.Count);
        Assert.All(found.Problems, p => Assert.Equal(RoutingProblemKind.Reference, p.Kind));
        Assert.Contains("references never leave the Deployment's namespace e2e", found.Errors[0], StringComparison.Ordinal);
        Assert.Equal(RoutingProblemKind.Reference, RoutingDiscovery.FindService(strategy, "e2e", "mocka-base", Pods, [MockaService]).Problem!.Kind);
    }

    [Fact]
    public void Objects_of_other_namespaces_never_count()
    {
        var foreign = Service("mocka", "{app: mocka}", "other");
        var foreignRule = Objects.DestinationRule("mocka");
        foreignRule["metadata"]!["namespace"] = "other";

        var found = Find(Strategy(), [foreign, MockaService], [Objects.VirtualService("mocka")], [foreignRule]);

        Assert.Empty(found.Problems);
        Assert.Same(MockaService, found.Objects.Service);
        Assert.Null(found.Objects.DestinationRule);
    }

    [Fact]
    public void A_list_that_could_not_be_read_decides_nothing_about_its_kind()
    {
        var strategy = Strategy(new TrafficSpec(null, new IstioSpec(["vs"], "dr"), TimeSpan.FromSeconds(3), null));

        var found = RoutingDiscovery.Find(strategy, "e2e", "mocka-base", Pods, [MockaService], virtualServices: null, destinationRules: null);

        Assert.Empty(found.Problems);
        Assert.Empty(found.Objects.VirtualServices);
        Assert.Equal("mocka", found.Target!.Service);
    }

    [Fact]
    public void The_service_alone_follows_the_same_rule()
    {
        Assert.Equal("mocka", RoutingDiscovery.FindService(Strategy(), "e2e", "mocka-base", Pods, [MockaService]).Name);
        Assert.Equal("named", RoutingDiscovery.FindService(Strategy(new TrafficSpec("named", IstioSpec.Discover, TimeSpan.Zero, null)), "e2e", "mocka-base", Pods, []).Name);
        var several = RoutingDiscovery.FindService(Strategy(), "e2e", "mocka-base", Pods, [MockaService, Service("b", "{app: mocka}")]);
        Assert.Null(several.Name);
        Assert.Equal(Find(Strategy(), [MockaService, Service("b", "{app: mocka}")], [], []).Errors, [several.Problem!.Message]);
    }

    private static DiscoveredRouting Find(RolloutStrategy strategy, JsonObject[] services, JsonObject[] virtualServices, JsonObject[] destinationRules) =>
        RoutingDiscovery.Find(strategy, "e2e", "mocka-base", Pods, services, virtualServices, destinationRules);

    private static RolloutStrategy Strategy(TrafficSpec? traffic = null) => RolloutStrategy.Default with { Traffic = traffic ?? TrafficSpec.None };

    private static JsonObject Service(string name, string selector, string ns = "e2e") =>
        Objects.Yaml($"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{selector: {selector}}}\n");

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();
}
