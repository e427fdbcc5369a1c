namespace Greylane.Sandbox.Patching;

/// <summary>
/// A patch that cannot be applied, carrying what kube-apiserver answers: the HTTP <see cref="Code"/>
/// (400 malformed, 415 unsupported, 422 failed test or path, 500 for the few errors the real server does not classify),
/// the <c>Status.reason</c>, the <c>Status.message</c>, and the precise problem in <see cref="Cause"/> when the real
/// server puts it in <c>details.causes</c> rather than the message.
/// </summary>
public sealed class PatchException(int code, string reason, string message, string? cause = null) : Exception(message)
{
    /// <summary>The generic message kube-apiserver gives for a 422 built by <c>NewGenericServerResponse</c>.</summary>
    public const string RejectedMessage = "the server rejected our request due to an error in our request";

    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>The Kubernetes <c>Status.reason</c> (BadRequest, Invalid, UnsupportedMediaType, or "" for Unknown).</summary>
    public string Reason { get; } = reason;

    /// <summary>The precise problem for <c>details.causes[0].message</c>, when <see cref="Exception.Message"/> is generic.</summary>
    public string? Cause { get; } = cause;

    internal static PatchException BadRequest(string message) => new(400, "BadRequest", message);

    internal static PatchException Unprocessable(string cause) => new(422, "Invalid", RejectedMessage, cause);

    internal static PatchException Unclassified(string message) => new(500, "", message);
}
