using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;

namespace Greylane.Demo.Narration;

/// <summary>One Deployment's story: from each stored version, the lines that say what changed since the previous one.</summary>
internal sealed class DeploymentStory(string name)
{
    private readonly HashSet<TransitionRecord> _told = [];
    private readonly Dictionary<string, string> _metrics = new(StringComparer.Ordinal);
    private string? _image;
    private bool? _paused;
    private string? _release;
    private string? _command;
    private string? _message;
    private (RolloutPhase, int)? _where;

    public IEnumerable<string> Changes(JsonObject? deployment)
    {
        if (deployment is null)
        {
            yield return Say("deleted");
            yield break;
        }

        var annotations = deployment["metadata"]?["annotations"] as JsonObject ?? new JsonObject();
        var images = string.Join(", ", (deployment["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? []).Select(c => $"{c?["name"]}={c?["image"]}"));
        if (images != _image)
        {
            yield return Say(_image is null ? $"created, image {images}" : $"template changed: image {images}");
            _image = images;
        }

        var nowRelease = annotations[GreylaneKeys.Release]?.GetValue<string>();
        var nowPaused = deployment["spec"]?["paused"]?.GetValue<bool>() ?? false;
        if (nowRelease != _release)
        {
            yield return Say(nowRelease is null
                ? $"release annotation cleared (release {_release} is over)"
                : $"held by the webhook: release {nowRelease} (stable {annotations[GreylaneKeys.Stable]}), spec.paused={nowPaused.ToString().ToLowerInvariant()}");
            _release = nowRelease;
            _paused = nowPaused;
        }
        else if (_paused is null)
        {
            _paused = nowPaused;
        }
        else if (nowPaused != _paused)
        {
            yield return Say(nowPaused ? "spec.paused=true" : "spec.paused=false: the Deployment rolls out the new template itself");
            _paused = nowPaused;
        }

        var nowCommand = annotations[GreylaneKeys.Command]?.GetValue<string>();
        if (nowCommand != _command)
        {
            yield return Say(nowCommand is null ? $"command '{_command}' taken by the controller" : $"command: {GreylaneKeys.Command}={nowCommand}");
            _command = nowCommand;
        }

        foreach (var line in Status(annotations))
        {
            yield return line;
        }
    }

    private IEnumerable<string> Status(JsonObject annotations)
    {
        var text = annotations[GreylaneKeys.Status]?.GetValue<string>();
        if (text is null)
        {
            yield break;
        }

        var status = RolloutStatusJson.Read(text);
        var steps = StrategyReader.Read(annotations[GreylaneKeys.Strategy]?.GetValue<string>()).Strategy?.Steps.Count ?? 0;
        foreach (var transition in status.History.Where(_told.Add).OrderBy(t => t.Time))
        {
            yield return Say($"{transition.From} → {transition.To} ({transition.Trigger})");
        }

        if ((status.Phase, status.Step) != _where)
        {
            _where = (status.Phase, status.Step);
            var step = status.Phase is RolloutPhase.StepScaling or RolloutPhase.StepRouting or RolloutPhase.StepAnalyzing or RolloutPhase.StepPaused
                ? $" step {status.Step + 1}/{steps}" : "";
            yield return Say($"phase {status.Phase}{step}{(status.Held ? " (held)" : "")}");
        }

        foreach (var metric in status.Metrics)
        {
            var value = metric.LastValue is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            var line = $"metric {metric.Name} = {value} ({metric.Last?.ToString() ?? "not measured"}): passed {metric.Passed}, failed {metric.Failed}, inconclusive {metric.Inconclusive}"
                + (metric.Last == MeasurementVerdict.Pass || metric.LastMessage is null ? "" : $" — {metric.LastMessage}");
            if (_metrics.GetValueOrDefault(metric.Name) != line)
            {
                _metrics[metric.Name] = line;
                yield return Say(line);
            }
        }

        if (status.Message != _message)
        {
            _message = status.Message;
            if (_message is not null)
            {
                yield return Say($"message: {_message}");
            }
        }
    }

    private string Say(string text) => $"{name,-28} {text}";
}
