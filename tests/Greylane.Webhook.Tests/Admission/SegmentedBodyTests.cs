using System.Buffers;
using System.Text;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Support.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Webhook.Admission.Tests;

/// <summary>
/// Kestrel hands a body over in segments of a few KiB, while most tests hand it over whole: the answer must not
/// depend on where the segments are cut, not even through a multi-byte character or an escape.
/// </summary>
public sealed class SegmentedBodyTests
{
    private static readonly AdmissionHandler Instance = new(NullLogger<AdmissionHandler>.Instance);

    public static TheoryData<string> Bodies => new()
    {
        Fixture.Text("release"),
        Fixture.Text("release").Replace("\"uid\":\"", "\"uid\":\"\\ud800", StringComparison.Ordinal),
        Fixture.Text("release").Replace("mocka-base\",\"namespace", "mocka-b\\ud800ase\",\"namespace", StringComparison.Ordinal),
        Fixture.Text("release").Replace("\"version\":\"", "\"version\":\"é日本\\ud83d\\ude00\\u00e9", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void A_body_cut_into_segments_gets_the_answer_the_whole_body_gets(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var whole = Instance.Handle(new ReadOnlySequence<byte>(body));

        foreach (var size in new[] { 1, 7, 4096 })
        {
            var cut = Instance.Handle(Segments(body, size));

            Assert.Equal(whole.StatusCode, cut.StatusCode);
            Assert.Equal(Encoding.UTF8.GetString(whole.Body), Encoding.UTF8.GetString(cut.Body));
        }
    }

    [Theory]
    [InlineData("{\"a\":\"plain ascii, \\\"quoted\\\", \\u00e9 and é\"}", true)]
    [InlineData("{\"a\":\"\\ud800\"}", false)]
    [InlineData("{\"a\":\"\\uDFFF\"}", false)]
    [InlineData("{\"\\udbff\":1}", false)]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}", false)] // a pair is text, but proving it is left to the close look
    [InlineData("{\"a\":\"\\\\ud800\"}", false)] // an escaped backslash, then text: also left to the close look
    [InlineData("{\"a\":\"\\uc800\\ue000\"}", true)]
    public void The_one_pass_check_proves_only_what_is_text(string json, bool proven)
    {
        Assert.Equal(proven, PlainUtf8.HoldsOnlyText(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_not_proven()
    {
        Assert.False(PlainUtf8.HoldsOnlyText([.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8]));
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"a\":\"\\\\ud800\"}")]
    public void What_the_one_pass_check_leaves_open_the_close_look_still_finds_to_be_text(string json)
    {
        Assert.Null(ReviewText.FirstInvalid(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), 64));
    }

    private static ReadOnlySequence<byte> Segments(byte[] body, int size)
    {
        var first = new Segment(body.AsMemory(0, Math.Min(size, body.Length)), 0);
        var last = first;
        for (var at = size; at < body.Length; at += size)
        {
            last = last.Append(body.AsMemory(at, Math.Min(size, body.Length - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
