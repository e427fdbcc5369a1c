namespace Greylane.Chaos.Harness.Tests;

/// <summary>What a chaos rule does to the process whose request matched, at the moment the sandbox has answered it.</summary>
internal enum ChaosAction
{
    /// <summary>SIGKILL, and the answer is never passed back: the write landed, the process never learns it.</summary>
    Kill,

    /// <summary>SIGSTOP, then the answer is passed back: the process reads it only when continued (a GC pause, a node stall).</summary>
    Stop,
}
