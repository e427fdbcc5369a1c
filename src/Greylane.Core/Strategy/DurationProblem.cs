namespace Greylane.Core.Strategy;

/// <summary>Why a duration did not parse.</summary>
internal enum DurationProblem
{
    None,
    NoUnit,
    NotADuration,
    Negative,
    TooLong,
}
