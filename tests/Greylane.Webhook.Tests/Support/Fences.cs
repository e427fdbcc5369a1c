using Greylane.Webhook.Controller.Leadership;

namespace Greylane.Webhook.Support.Tests;

/// <summary>Write fences for code under test that runs without leader election.</summary>
internal static class Fences
{
    /// <summary>A fence that is always open, as a single replica without leader election has it.</summary>
    public static LeaderFence Open()
    {
        var fence = new LeaderFence(TimeProvider.System);
        fence.OpenForGood();
        return fence;
    }
}
