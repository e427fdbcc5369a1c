using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>Reads a server-sent event stream into (type, data) messages the test waits for.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<(string Type, JsonNode Data)> _messages = Channel.CreateUnbounded<(string, JsonNode)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public EventStream(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Every message seen so far, in order.</summary>
    public List<(string Type, JsonNode Data)> Seen { get; } = [];

    /// <summary>The next message for which <paramref name="wanted"/> holds (skipping others); fails after <paramref name="seconds"/>.</summary>
    public async Task<JsonNode> WaitForAsync(string what, Func<string, JsonNode, bool> wanted, int seconds = 30)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var (type, data) = await _messages.Reader.ReadAsync(bound.Token);
                Seen.Add((type, data));
                if (wanted(type, data))
                {
                    return data;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"waited {seconds}s on the feed for {what}; seen: {string.Join(" | ", Seen.Select(m => $"{m.Type} {m.Data.ToJsonString()[..Math.Min(200, m.Data.ToJsonString().Length)]}"))}");
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
                {
                    await _messages.Writer.WriteAsync((type, JsonNode.Parse(line["data: ".Length..])!));
                    type = null;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader;
        _stop.Dispose();
    }
}
