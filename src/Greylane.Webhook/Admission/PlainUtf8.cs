using System.Text.Unicode;

namespace Greylane.Webhook.Admission;

/// <summary>
/// One vectorized pass that proves every string and member name of a JSON body is Unicode text, so that
/// <see cref="ReviewText"/> walks the body token by token only when it might not be (the walk names the field, and
/// costs as much as the parse itself).
/// </summary>
internal static class PlainUtf8
{
    /// <summary>
    /// True when the bytes are valid UTF-8 and hold no escape of a surrogate (<c>\uD800</c>–<c>\uDFFF</c>), the only
    /// two ways a string JsonDocument accepts is not text. False means "not proven" (a surrogate pair escape such as
    /// <c>\ud83d\ude00</c> is text, and <c>\\ud800</c> is no escape at all): the caller then looks closely.
    /// </summary>
    public static bool HoldsOnlyText(ReadOnlySpan<byte> json) => Utf8.IsValid(json) && !HasSurrogateEscape(json);

    private static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        while (true)
        {
            var at = json.IndexOf("\\u"u8);
            if (at < 0)
            {
                return false;
            }

            if (at + 3 >= json.Length || IsSurrogateStart(json[at + 2], json[at + 3]))
            {
                return true;
            }

            json = json[(at + 2)..];
        }
    }

    // U+D800–U+DFFF: the first hex digit is d, the second 8 to f.
    private static bool IsSurrogateStart(byte first, byte second) =>
        first is (byte)'d' or (byte)'D'
        && second is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');
}
