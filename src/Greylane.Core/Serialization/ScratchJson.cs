using System.Buffers;
using System.Text.Json;

namespace Greylane.Core.Serialization;

/// <summary>
/// A thread's reusable buffer and JSON writer for output that is used at once and let go (a patch, copied into the
/// answer): admission writes one for most reviews, and a fresh writer whose buffer grows in steps allocated several
/// KB each time.
/// </summary>
internal sealed class ScratchJson : IDisposable
{
    // A buffer grown past this by an unusually large object is let go rather than kept for the thread's lifetime.
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic]
    private static ScratchJson? _free;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    // Validation is off: the callers' structure is fixed by their code, and the text written is the same either way.
    private ScratchJson() => Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>The writer, empty at <see cref="Rent"/>.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>What was written so far; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>The thread's scratch (a new one when it is in use already); dispose it to give it back.</summary>
    public static ScratchJson Rent()
    {
        var scratch = _free ?? new ScratchJson();
        _free = null;
        scratch._buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch._buffer);
        return scratch;
    }

    /// <summary>Gives the scratch back to the thread.</summary>
    public void Dispose()
    {
        if (_buffer.Capacity <= KeptBytes)
        {
            _free = this;
        }
    }
}
