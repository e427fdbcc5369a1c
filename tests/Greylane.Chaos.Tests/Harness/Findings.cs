using System.Text;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>Everything a scenario found wrong; the scenario fails when there is any. Also marked on the timeline.</summary>
internal sealed class Findings(Timeline timeline)
{
    private readonly List<(TimeSpan At, string Kind, string Text)> _items = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public void Add(string kind, string text)
    {
        lock (_gate)
        {
            _items.Add((timeline.Now, kind, text));
        }

        timeline.Add("FINDING", $"{kind}: {text}");
    }

    public string Format()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var group in _items.GroupBy(i => i.Kind))
            {
                text.AppendLine($"{group.Key} ({group.Count()}):");
                foreach (var (at, _, line) in group)
                {
                    text.AppendLine($"  {Timeline.Stamp(at)} ({timeline.Wall(at)})  {line}");
                }
            }
        }

        return text.ToString();
    }
}
