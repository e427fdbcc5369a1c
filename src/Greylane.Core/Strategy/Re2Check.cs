using Greylane.Core.Strategy.Re2;

namespace Greylane.Core.Strategy;

/// <summary>
/// Whether a pattern will work as a regular expression in an Istio VirtualService: istiod validates it (length, Go's
/// RE2-syntax parser) and Envoy compiles it with RE2 and a program-size limit. The pattern is parsed by RE2's rules
/// (<see cref="Re2Parser"/>), constructs of other engines are named, and the program size is estimated as RE2 compiles it.
/// </summary>
internal static class Re2Check
{
    /// <summary>istiod refuses a VirtualService regular expression longer than this many bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>Istio sets Envoy's <c>re2.max_program_size.error_level</c> to this (Envoy's own default is 100).</summary>
    public const int MaxProgramSize = 32768;

    // The program of any pattern holds a failure, a match and the unanchored ".*?" prefix.
    private const int ProgramBase = 4;

    /// <summary>Why <paramref name="pattern"/> is not a usable RE2 pattern, or null.</summary>
    public static string? Problem(string pattern) => Describe(Find(pattern));

    /// <summary>The first problem of <paramref name="pattern"/>, or null.</summary>
    public static Re2Problem? Find(string pattern)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(pattern);
        if (bytes > MaxBytes)
        {
            return new Re2Problem(Re2ProblemKind.TooLong, $"{bytes} bytes", 0);
        }

        try
        {
            var size = Re2Parser.Parse(pattern);
            var instructions = size.Instructions + ProgramBase;
            return instructions > MaxProgramSize ? new Re2Problem(Re2ProblemKind.TooLarge, $"{instructions}", 0) : null;
        }
        catch (Re2ProblemException e)
        {
            return e.Problem;
        }
    }

    private static string? Describe(Re2Problem? problem) => problem switch
    {
        null => null,
        { Kind: Re2ProblemKind.Invalid } => $"is not a valid regular expression ({problem.Detail} at offset {problem.Offset}); {problem.Fix ?? "fix the pattern (RE2 syntax)"}",
        { Kind: Re2ProblemKind.Unsupported } =>
            $"uses {problem.Detail} at offset {problem.Offset}, which {problem.Why ?? "Istio's RE2 engine does not support"}; {problem.Fix ?? "rewrite the pattern without it"}",
        { Kind: Re2ProblemKind.TooLong } =>
            $"is {problem.Detail} long; istiod refuses VirtualService regular expressions over {MaxBytes} bytes; shorten the pattern",
        _ => $"compiles to an RE2 program of about {problem.Detail} instructions; Envoy under Istio refuses programs over {MaxProgramSize} "
            + "(re2.max_program_size.error_level); use fewer or smaller repetitions, or smaller classes than \\pL",
    };
}
