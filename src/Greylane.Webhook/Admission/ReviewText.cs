using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Greylane.Webhook.Admission;

/// <summary>
/// Finds the first string or member name in a review that is not Unicode text: a lone surrogate escape
/// (<c>"\ud800"</c>) or bytes that are not UTF-8. <see cref="JsonDocument"/> parses both, and then
/// <see cref="JsonElement.GetString"/>, <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> and the
/// template hash throw on them; the real API server never sends them (Go writes U+FFFD instead).
/// </summary>
internal static class ReviewText
{
    public const string Problem = "is not Unicode text (a lone surrogate escape such as \\ud800, or bytes that are not UTF-8); send UTF-8 JSON as the API server does";

    /// <summary>How a path to an invalid member name starts: <c>a member name in request.object.metadata</c>.</summary>
    public const string MemberNameIn = "a member name in ";

    /// <summary>The path of the first such string (<c>request.object.metadata.labels[app]</c>), or null when every string is text.</summary>
    public static string? FirstInvalid(ReadOnlySequence<byte> body, int maxDepth)
    {
        if (body.IsSingleSegment && PlainUtf8.HoldsOnlyText(body.FirstSpan))
        {
            return null;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            var top = frames.Count == 0 ? null : frames[^1];
            if (top is { IsArray: true } && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
            {
                top.Index++;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    if (!IsText(ref reader))
                    {
                        return MemberNameIn + $"{PathOf(frames, upTo: frames.Count - 1)}";
                    }

                    top!.Name = reader.GetString();
                    break;
                case JsonTokenType.String when !IsText(ref reader):
                    return PathOf(frames, upTo: frames.Count);
            }
        }

        return null;
    }

    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string PathOf(List<Frame> frames, int upTo)
    {
        var path = new StringBuilder();
        for (var i = 0; i < upTo; i++)
        {
            var frame = frames[i];
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is { } name)
            {
                // Label and annotation keys hold dots and slashes, so they go in brackets.
                var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
                path.Append(plain ? (path.Length == 0 ? name : $".{name}") : $"[{name}]");
            }
        }

        return path.Length == 0 ? "the review" : path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
