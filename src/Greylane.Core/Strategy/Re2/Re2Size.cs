namespace Greylane.Core.Strategy.Re2;

/// <summary>
/// A parsed piece of a pattern as far as the checks need it: the RE2 program instructions it compiles to (after RE2
/// expands counted repetitions into copies), and the largest product of nested repetition counts inside it (RE2
/// refuses more than 1000 copies of anything).
/// </summary>
internal readonly record struct Re2Size(long Instructions, long RepeatProduct)
{
    public static Re2Size Empty { get; } = new(0, 1);

    public static Re2Size Of(long instructions) => new(instructions, 1);

    /// <summary>Side by side (concatenation or alternation): instructions add up.</summary>
    public Re2Size And(Re2Size other) => new(Instructions + other.Instructions, Math.Max(RepeatProduct, other.RepeatProduct));

    /// <summary>A capture group: two instructions record where it starts and ends.</summary>
    public Re2Size Captured() => this with { Instructions = Instructions + 2 };

    /// <summary><c>+</c> and <c>?</c>: one instruction more; <c>*</c>: two (RE2 needs two when what it repeats can be empty, else fewer).</summary>
    public Re2Size Looped(bool star) => this with { Instructions = Instructions + (star ? 2 : 1) };

    /// <summary>
    /// <c>{min,max}</c> (<paramref name="max"/> −1: unbounded) as RE2 simplifies it: min copies, then max−min optional
    /// copies, or a trailing <c>x+</c> when unbounded.
    /// </summary>
    public Re2Size Repeated(int min, int max)
    {
        var instructions = max switch
        {
            -1 when min == 0 => Instructions + 2,
            -1 when min == 1 => Instructions + 1,
            -1 => (min * Instructions) + 1,
            _ => (min * Instructions) + ((max - min) * (Instructions + 1)),
        };
        var count = max < 0 ? min : max;
        return new Re2Size(instructions, count > 0 ? RepeatProduct * count : RepeatProduct);
    }
}
