namespace Greylane.Core.Traffic;

/// <summary>A routing object Greylane refuses to change; the message names the object, the problem and the fix.</summary>
public sealed class TrafficException(string subject, string problem) : Exception($"{subject}: {problem}")
{
    /// <summary>The object concerned, e.g. <c>VirtualService e2e/vs-mocka</c>.</summary>
    public string Subject { get; } = subject;

    /// <summary>The problem and its fix.</summary>
    public string Problem { get; } = problem;
}
