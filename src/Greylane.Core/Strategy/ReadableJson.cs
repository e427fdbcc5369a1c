using System.Text.Encodings.Web;
using System.Text.Json;

namespace Greylane.Core.Strategy;

/// <summary>JSON text for people: non-ASCII characters stay as written instead of \u escapes.</summary>
internal static class ReadableJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
