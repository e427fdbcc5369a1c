namespace Greylane.ControllerBenchmark;

/// <summary>One measured scale: how many opted-in Deployments exist and how many of them are released at once.</summary>
internal sealed record Scale(string Name, int Deployments, int Releasing);
