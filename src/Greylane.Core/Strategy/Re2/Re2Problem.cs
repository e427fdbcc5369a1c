namespace Greylane.Core.Strategy.Re2;

/// <summary>Why a pattern will not work in Envoy's RE2 as Istio runs it, and where (<see cref="Offset"/>: characters from 0).</summary>
internal sealed record Re2Problem(Re2ProblemKind Kind, string Detail, int Offset, string? Why = null, string? Fix = null);

/// <summary>The kinds of <see cref="Re2Problem"/>, each with its own message.</summary>
internal enum Re2ProblemKind
{
    /// <summary>Not RE2 syntax (RE2's own error, e.g. missing ), invalid repetition size).</summary>
    Invalid,

    /// <summary>A construct of another engine (.NET, PCRE) that RE2 lacks or reads differently.</summary>
    Unsupported,

    /// <summary>Longer than istiod's VirtualService validation accepts.</summary>
    TooLong,

    /// <summary>Compiles to a program larger than Envoy accepts under Istio.</summary>
    TooLarge,
}

/// <summary>Thrown inside the parser to stop at the first problem, as RE2 does.</summary>
internal sealed class Re2ProblemException(Re2Problem problem) : Exception(problem.Detail)
{
    public Re2Problem Problem { get; } = problem;
}
