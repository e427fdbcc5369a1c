using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Core.Traffic.Tests;

/// <summary>Runs a fixture's operation over each input object, by kind.</summary>
internal sealed record FixtureRun(List<JsonObject> Objects, List<string> Errors, List<string> Notes, bool Untouched)
{
    public static FixtureRun Of(FixtureCase fixture)
    {
        var run = new FixtureRun([], [], [], true);
        var target = fixture.Target;
        var input = fixture.Input;
        var virtualServices = input.Where(o => Kind(o) == "VirtualService").ToList();
        var mode = fixture.String("mode") is { } m ? Enum.Parse<RoutingMode>(m) : RoutingObjects.Mode(virtualServices, target);
        switch (fixture.Operation)
        {
            case "desired":
                var subsets = fixture.Case["stableSubsets"] is not null ? fixture.Strings("stableSubsets") : RoutingObjects.StableSubsets(virtualServices, target);
                foreach (var obj in input)
                {
                    foreach (var result in Desired(fixture, obj, target, mode, subsets))
                    {
                        run.Add(result);
                    }
                }

                return run;
            case "restore":
                var untouched = true;
                foreach (var obj in input)
                {
                    var restored = Kind(obj) switch
                    {
                        "VirtualService" => VirtualServiceRestore.Restore(obj, target, mode),
                        "HTTPRoute" or "GRPCRoute" => GatewayRouteRestore.Restore(obj, target),
                        "DestinationRule" => DestinationRuleRestore.Restore(obj, target),
                        _ => ServiceRestore.Restore(obj),
                    };
                    run.Objects.Add(restored.Restored);
                    run.Notes.AddRange(restored.Notes);
                    untouched &= restored.Untouched;
                }

                return run with { Untouched = untouched };
            case "dye":
                var configMap = fixture.Case["configMap"]!;
                run.Objects.Add(LaneDye.EnvoyFilter(target.Lane!, target.Lane!.Dye!, target.Namespace, Owner.ConfigMap((string)configMap["name"]!, (string)configMap["uid"]!)));
                return run;
            default:
                throw new InvalidOperationException($"unknown operation {fixture.Operation}");
        }
    }

    private static IEnumerable<TrafficResult> Desired(FixtureCase fixture, JsonObject obj, TrafficTarget target, RoutingMode mode, IReadOnlyList<string> subsets)
    {
        switch (Kind(obj))
        {
            case "VirtualService":
                yield return VirtualServiceTransform.Desired(obj, fixture.Step, target, mode);
                break;
            case "DestinationRule":
                yield return DestinationRuleTransform.Desired(obj, target, subsets);
                break;
            case "HTTPRoute" or "GRPCRoute":
                yield return GatewayRouteTransform.Desired(obj, fixture.Step, target);
                break;
            default:
                yield return HostModeServices.PinnedStableService(obj, target, fixture.String("stablePodTemplateHash")!);
                var owner = fixture.Case["owner"] is JsonObject o ? Owner.Deployment((string)o["name"]!, (string)o["uid"]!) : null;
                yield return HostModeServices.CanaryService(obj, target, fixture.String("release")!, owner);
                break;
        }
    }

    private void Add(TrafficResult result)
    {
        if (result.Desired is not null)
        {
            Objects.Add(result.Desired);
        }

        Errors.AddRange(result.Errors);
        Notes.AddRange(result.Notes);
    }

    private static string? Kind(JsonObject obj) => (string?)obj["kind"];
}
