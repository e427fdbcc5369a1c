namespace Greylane.Chaos.Harness.Tests;

/// <summary>One line of the timeline.</summary>
internal sealed record TimelineEntry(TimeSpan At, string Source, string Text);
