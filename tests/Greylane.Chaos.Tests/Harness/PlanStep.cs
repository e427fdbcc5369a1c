namespace Greylane.Chaos.Harness.Tests;

/// <summary>One step of the scenarios' strategy: canary size, a lane match or not, a weight or none, the pause.</summary>
internal sealed record PlanStep(int Replicas, bool Lane, int? Weight, string Pause);
