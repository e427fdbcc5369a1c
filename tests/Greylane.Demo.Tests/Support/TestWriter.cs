using System.Text;
using Xunit.Abstractions;

namespace Greylane.Demo.Tests.Support;

/// <summary>
/// Collects the narration (written from background loops, possibly after a test's last assertion) and hands it to
/// the test output once, at the end, where xunit can still take it.
/// </summary>
internal sealed class TestWriter : TextWriter
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    public void CopyTo(ITestOutputHelper output) => output.WriteLine(ToString());
}
