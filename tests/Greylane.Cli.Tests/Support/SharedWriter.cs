using System.Text;

namespace Greylane.Cli.Tests.Support;

/// <summary>A writer a test can read while the CLI is still writing to it (under <c>--watch</c>).</summary>
internal sealed class SharedWriter : TextWriter
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

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        Write(value + "\n");
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        Write('\n');
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
