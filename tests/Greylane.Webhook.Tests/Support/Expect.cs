using System.Text.Json.Nodes;
using Greylane.Core;

namespace Greylane.Webhook.Support.Tests;

/// <summary>Builds the object a test expects after the patch, starting from the request object.</summary>
internal sealed class Expect(JsonObject request)
{
    private readonly JsonObject _target = request["request"]!["object"]!.DeepClone().AsObject();

    public static Expect From(ReviewAnswer answer) => new(answer.Request);

    public JsonObject Object => _target;

    public Expect Paused(bool paused)
    {
        _target["spec"]!["paused"] = paused;
        return this;
    }

    public Expect Annotation(string key, string? value)
    {
        var annotations = _target["metadata"]!["annotations"]?.AsObject() ?? [];
        _target["metadata"]!["annotations"] = annotations;
        if (value is null)
        {
            annotations.Remove(key);
        }
        else
        {
            annotations[key] = value;
        }

        return this;
    }

    public Expect Label(string key, string? value)
    {
        if (_target["metadata"]!["labels"] is null)
        {
            _target["metadata"]!["labels"] = new JsonObject();
        }

        var labels = _target["metadata"]!["labels"]!.AsObject();
        if (value is null)
        {
            labels.Remove(key);
        }
        else
        {
            labels[key] = value;
        }

        return this;
    }

    public Expect Release(string release, string stable) =>
        Paused(true).Annotation(GreylaneKeys.Release, release).Annotation(GreylaneKeys.Stable, stable);

    /// <summary>Asserts that the independently patched object is exactly the expected one (nothing else changed).</summary>
    public void Matches(ReviewAnswer answer)
    {
        var patched = answer.Patched;
        Assert.True(JsonNode.DeepEquals(_target, patched), $"patch {answer.PatchText} gave an unexpected object");
    }
}
