using Greylane.Core.Analysis;

namespace Greylane.Core.Analysis.Tests;

public sealed class QueryOutcomeTests
{
    [Theory]
    [InlineData(QueryFailureKind.Unreachable, null, true)]
    [InlineData(QueryFailureKind.HttpError, 502, true)]
    [InlineData(QueryFailureKind.HttpError, 500, true)]
    [InlineData(QueryFailureKind.HttpError, 401, false)]
    [InlineData(QueryFailureKind.HttpError, 404, false)]
    [InlineData(QueryFailureKind.Timeout, null, false)]
    [InlineData(QueryFailureKind.InvalidResponse, 200, false)]
    [InlineData(QueryFailureKind.NotConfigured, null, false)]
    public void Only_failures_another_attempt_may_fix_are_transient(QueryFailureKind kind, int? status, bool transient)
    {
        Assert.Equal(transient, QueryOutcome.Failed(kind, "x", status).IsTransient);
    }

    [Theory]
    [InlineData("internal", true)]
    [InlineData("unavailable", true)]
    [InlineData("bad_data", false)]
    [InlineData("execution", false)]
    [InlineData("timeout", false)]
    [InlineData("canceled", false)]
    [InlineData("not_found", false)]
    public void Among_prometheus_errors_only_internal_and_unavailable_are_transient(string errorType, bool transient)
    {
        Assert.Equal(transient, QueryOutcome.Answered(PrometheusResponse.Failure(errorType, "x")).IsTransient);
    }

    [Fact]
    public void A_successful_answer_is_not_transient()
    {
        Assert.False(Outcomes.Vector().IsTransient);
    }
}
