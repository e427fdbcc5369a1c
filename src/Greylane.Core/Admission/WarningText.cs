namespace Greylane.Core.Admission;

/// <summary>Admission warnings: the API server drops or cuts anything longer than 120 characters.</summary>
public static class WarningText
{
    /// <summary>The longest warning Kubernetes passes on whole.</summary>
    public const int MaxLength = 120;

    /// <summary>The message, cut to <see cref="MaxLength"/> with an ellipsis when longer.</summary>
    public static string Fit(string message) =>
        message.Length <= MaxLength ? message : string.Concat(message.AsSpan(0, MaxLength - 1), "…");
}
