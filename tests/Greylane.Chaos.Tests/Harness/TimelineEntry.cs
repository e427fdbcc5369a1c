namespace Greylane.Chaos.Tests.Harness;

/// <summary>One line of the timeline.</summary>
internal sealed record TimelineEntry(TimeSpan At, string Source, string Text);
