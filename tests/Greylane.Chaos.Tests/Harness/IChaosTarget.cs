namespace Greylane.Chaos.Harness.Tests;

/// <summary>What a chaos rule may do to the process behind a proxy.</summary>
internal interface IChaosTarget
{
    void Kill(string why);

    void Stop(string why);
}
