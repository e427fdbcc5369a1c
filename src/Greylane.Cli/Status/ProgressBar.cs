namespace Greylane.Cli.Status;

/// <summary>An ASCII bar (<c>[##########----------]</c>) that reads the same in any terminal and in logs.</summary>
internal static class ProgressBar
{
    public const int Width = 20;

    public static string Of(int done, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round(Width * Math.Clamp(done, 0, total) / (double)total, MidpointRounding.AwayFromZero);
        return "[" + new string('#', filled) + new string('-', Width - filled) + "]";
    }
}
