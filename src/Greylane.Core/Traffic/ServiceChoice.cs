using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// The Service of a release: its <see cref="Name"/> (null when none could be chosen, then <see cref="Problem"/> says
/// why) and its object when it was among those given (a Service named in the strategy may be absent).
/// </summary>
public sealed record ServiceChoice(string? Name, JsonObject? Service, RoutingProblem? Problem);
