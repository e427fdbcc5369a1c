namespace Greylane.Sandbox.Admission;

/// <summary>A verdict that rejects the write whatever the webhook's failurePolicy (denial, bad patch, missing namespace).</summary>
internal sealed class WebhookRejection(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;
}
