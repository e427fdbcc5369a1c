namespace Greylane.Webhook.Hosting;

/// <summary>Settings of the Greylane process are missing or wrong; <see cref="Problems"/> names each with its fix, one line each.</summary>
internal sealed class WebhookOptionsException : Exception
{
    public WebhookOptionsException(IReadOnlyList<string> problems)
        : base(string.Join('\n', problems)) => Problems = [.. problems];

    public WebhookOptionsException(string problem)
        : this([problem])
    {
    }

    /// <summary>Every problem found, one line each, in the order the settings are read.</summary>
    public IReadOnlyList<string> Problems { get; }
}
