using System.Globalization;

namespace Greylane.Demo.Setup;

/// <summary>
/// A logger provider writing one line per entry to a file (the playground's <c>.sandbox/logs/*.log</c>), so that the
/// terminal keeps only what a person needs while every part's log stays available to <c>tail -f</c>.
/// </summary>
internal sealed class FileLog : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public FileLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Writes a line of the file's own (not from a logger), e.g. a pod started.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:HH:mm:ss.fff} {text}"));
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private sealed class Logger(FileLog file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : $"\n{exception}");
            try
            {
                file.Line(text);
            }
            catch (ObjectDisposedException)
            {
                // A late entry while shutting down; the file is already closed.
            }
        }
    }
}
