using System.Text.Json.Nodes;
using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using static Greylane.Core.Rollout.Tests.Facts;

namespace Greylane.Core.Rollout.Tests;

public sealed class RolloutStatusJsonTests
{
    private static readonly RolloutStatus Sample = In(RolloutPhase.Promoting, 1) with
    {
        Metrics = [new MetricStatus { Name = "success-rate", Passed = 3, Last = MeasurementVerdict.Pass, LastValue = 0.995, LastAt = T0 }],
        Reason = RolloutTrigger.PauseElapsed,
        Message = "step 2/2 done: promoting",
        History = [new TransitionRecord(RolloutPhase.StepPaused, RolloutPhase.Promoting, RolloutTrigger.PauseElapsed, T0)],
    };

    [Fact]
    public void Phase_is_a_top_level_string_the_webhook_can_read()
    {
        var json = JsonNode.Parse(RolloutStatusJson.Write(Sample))!;

        Assert.Equal("Promoting", json["phase"]!.GetValue<string>());
        Assert.Equal(1, json["step"]!.GetValue<int>());
        Assert.Equal("Pass", json["metrics"]![0]!["last"]!.GetValue<string>());
        Assert.Equal("PauseElapsed", json["history"]![0]!["trigger"]!.GetValue<string>());
        Assert.Null(json["routedAt"]);
    }

    [Fact]
    public void Status_survives_a_round_trip_unchanged()
    {
        var json = RolloutStatusJson.Write(Sample);

        Assert.Equal(json, RolloutStatusJson.Write(RolloutStatusJson.Read(json)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{}")]
    public void Absent_status_is_idle(string? json) =>
        Assert.Equal(RolloutPhase.Idle, RolloutStatusJson.Read(json).Phase);

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var status = RolloutStatusJson.Read("""{"phase":"StepPaused","step":2,"futureField":{"x":1},"release":"r9"}""");

        Assert.Equal(RolloutPhase.StepPaused, status.Phase);
        Assert.Equal(2, status.Step);
        Assert.Equal("r9", status.Release);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"phase":"Exploding"}""")]
    public void Unreadable_status_starts_over_from_idle_and_says_so(string json)
    {
        var status = RolloutStatusJson.Read(json);

        Assert.Equal(RolloutPhase.Idle, status.Phase);
        Assert.Contains("unreadable", status.Message, StringComparison.Ordinal);
    }
}
