using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;

namespace Greylane.Webhook.Admission;

/// <summary><c>POST /mutate/deployments</c>: HTTP checks (media type, size), then the handler, then metrics.</summary>
internal static class AdmissionEndpoint
{
    public const string Path = "/mutate/deployments";

    /// <summary>Above the API server's own 3 MiB object limit with room for old and new object; a bigger body is refused before it is buffered.</summary>
    public const long MaxBodyBytes = 7L * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, AdmissionHandler handler, AdmissionMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await JudgeAsync(context.Request, handler, context.RequestAborted);
        metrics.Record(result.Operation, result.Decision, Stopwatch.GetElapsedTime(started));
        var response = context.Response;
        response.StatusCode = result.StatusCode;
        response.ContentType = result.ContentType;
        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, context.RequestAborted);
    }

    private static async Task<HandlerResult> JudgeAsync(HttpRequest request, AdmissionHandler handler, CancellationToken cancel)
    {
        if (!IsJson(request.ContentType))
        {
            return HandlerResult.Rejected(415, $"Content-Type '{request.ContentType}' is not supported; send application/json");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        try
        {
            return await ReadAndHandleAsync(request.BodyReader, handler, cancel);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (BadHttpRequestException e)
        {
            return HandlerResult.Rejected(e.StatusCode, $"the request could not be read: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The handler answers every review itself; this guard is for what nobody foresaw (it logs an error).
            return handler.Failed(e);
        }
    }

    // The body stays in the pipe's own buffers until it is complete (Kestrel stops it at MaxRequestBodySize), so a
    // review is parsed from the bytes as they arrived, without another copy.
    private static async Task<HandlerResult> ReadAndHandleAsync(PipeReader reader, AdmissionHandler handler, CancellationToken cancel)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancel);
            var buffer = read.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.End);
                return TooLarge();
            }

            if (read.IsCompleted)
            {
                try
                {
                    return handler.Handle(buffer);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static HandlerResult TooLarge() =>
        HandlerResult.Rejected(413, $"the body is larger than {MaxBodyBytes / (1024 * 1024)} MiB; an AdmissionReview of one Deployment never is");
}
