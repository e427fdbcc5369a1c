namespace Greylane.Sandbox.Admission;

/// <summary>
/// A webhook that could not be called or answered nonsense (apiserver's <c>ErrCallingWebhook</c>): the write is
/// rejected under failurePolicy Fail and proceeds under Ignore. The message is the real server's wording.
/// </summary>
internal sealed class WebhookCallException(string webhookName, string reason)
    : Exception($"failed calling webhook \"{webhookName}\": {reason}");
