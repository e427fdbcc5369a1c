using System.Buffers;
using System.Text.Json;
using Greylane.Core.Admission;
using Greylane.Core.Analysis;
using Greylane.Webhook.Analysis;

namespace Greylane.Webhook.Admission;

/// <summary>
/// Turns an AdmissionReview body into the answer: reads it, asks <see cref="AdmissionDecider"/>, writes the review back.
/// Strategy queries are judged with the tenancy of <paramref name="prometheus"/>, the options the analyzer uses (on when
/// none are given).
/// </summary>
internal sealed partial class AdmissionHandler(ILogger<AdmissionHandler> logger, PrometheusOptions? prometheus = null)
{
    /// <summary>The start of every answer that comes from a guard instead of a decision; the fuzz test expects to see none.</summary>
    public const string CouldNotJudge = "greylane failed to judge this review";

    private const string MemberNameIn = ReviewText.MemberNameIn;

    private readonly QueryTenancy _tenancy = prometheus?.Tenancy ?? QueryTenancy.On;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128 };

    public HandlerResult Handle(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return HandleContiguous(body);
        }

        // Kestrel hands a body over in segments of a few KiB. JsonDocument would copy them into one pooled array
        // anyway; doing it here lets the text check (ReviewText) prove the whole review in one vectorized pass too.
        var length = checked((int)body.Length);
        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(joined);
            return HandleContiguous(new ReadOnlySequence<byte>(joined, 0, length));
        }
        finally
        {
            // The document over the array is disposed by now, and the answer holds copies only.
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    private HandlerResult HandleContiguous(ReadOnlySequence<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            return HandlerResult.Rejected(400, $"the body is not JSON ({e.Message}); send an AdmissionReview {AdmissionReviewReader.ApiVersion}");
        }

        using (document)
        {
            var invalid = ReviewText.FirstInvalid(body, ParseOptions.MaxDepth);
            if (invalid is not null && !IsInsideObjects(invalid))
            {
                // The review itself is not text: answered like any review that cannot be read. An unreadable uid
                // cannot be echoed, and a review answered with another uid is a failed call to the API server anyway.
                return HandlerResult.Rejected(400, $"{invalid} {ReviewText.Problem}");
            }

            var request = AdmissionReviewReader.Read(document.RootElement, out var problem);
            if (request is null)
            {
                return HandlerResult.Rejected(400, problem!);
            }

            var decision = invalid is null ? Decide(request) : AdmissionDecision.Deny(400, $"{invalid} {ReviewText.Problem}");
            var label = decision switch
            {
                { Allowed: false } => AdmissionDecisionLabels.Denied,
                { HasPatch: true } => AdmissionDecisionLabels.Patched,
                _ => AdmissionDecisionLabels.Allowed,
            };
            Log(request, decision, label);
            var response = new AdmissionReviewResponse(request.ApiVersion, AdmissionReviewReader.Kind, ToResponse(request.Uid, decision));
            var bytes = JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Default.AdmissionReviewResponse);
            return new HandlerResult(200, bytes, "application/json", OperationLabel(request.Operation), label);
        }
    }

    /// <summary>
    /// The last-resort answer when handling a review threw anyway: logged as an error (a bug to fix), answered 400 with
    /// a message rather than an empty 500, so the API server's failurePolicy applies and the person sees why.
    /// </summary>
    public HandlerResult Failed(Exception exception)
    {
        LogHandlingFailed(exception);
        return HandlerResult.Rejected(400, $"{CouldNotJudge} ({exception.GetType().Name}: {exception.Message}); see the webhook log");
    }

    // Strings that are not text inside the objects are the Deployment's problem, answered inside the review.
    private static bool IsInsideObjects(string path)
    {
        var at = path.StartsWith(MemberNameIn, StringComparison.Ordinal) ? path[MemberNameIn.Length..] : path;
        return Within(at, "request.object") || Within(at, "request.oldObject");
    }

    private static bool Within(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] is '.' or '[');

    private AdmissionDecision Decide(AdmissionRequest request)
    {
        try
        {
            return AdmissionDecider.Decide(new AdmissionInput(request.Operation, request.OldObject, request.Object, request.DryRun) { Tenancy = _tenancy });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an input shape nobody foresaw: refuse rather than let an unjudged release through, as bad input
            // (400), and log it as the error it is.
            LogDecisionFailed(e, request.Uid, request.Namespace, request.Name);
            return AdmissionDecision.Deny(400, $"{CouldNotJudge} ({e.GetType().Name}: {e.Message}); see the webhook log for uid {request.Uid}");
        }
    }

    private static AdmissionResponse ToResponse(string uid, AdmissionDecision decision) => decision.Allowed
        ? new AdmissionResponse(
            uid,
            Allowed: true,
            PatchType: decision.HasPatch ? "JSONPatch" : null,
            Patch: decision.HasPatch ? JsonPatchWriter.ToUtf8(decision.Patch) : null,
            Warnings: decision.Warnings.Count > 0 ? decision.Warnings : null)
        : new AdmissionResponse(uid, Allowed: false, Status: new AdmissionStatus(decision.Code, decision.Message ?? "denied"));

    private void Log(AdmissionRequest request, AdmissionDecision decision, string label)
    {
        if (label == AdmissionDecisionLabels.Allowed)
        {
            LogAllowed(request.Uid, request.Operation, request.Namespace, request.Name, request.DryRun);
        }
        else if (label == AdmissionDecisionLabels.Patched)
        {
            // The warnings are joined only for a log line that is written.
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogPatched(request.Uid, request.Operation, request.Namespace, request.Name, request.DryRun, decision.Patch.Count, string.Join(" | ", decision.Warnings));
            }
        }
        else
        {
            LogDenied(request.Uid, request.Operation, request.Namespace, request.Name, request.DryRun, decision.Message);
        }
    }

    private static string OperationLabel(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => "CONNECT",
    };
}
