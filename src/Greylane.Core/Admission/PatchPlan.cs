using System.Text.Json.Nodes;

namespace Greylane.Core.Admission;

/// <summary>Collects the operations that bring the new object to the wanted state; each is emitted only when it changes something.</summary>
internal sealed class PatchPlan(DeploymentView target)
{
    private const string AnnotationsPath = "/metadata/annotations";
    private const string LabelsPath = "/metadata/labels";

    private readonly List<PatchOperation> _operations = [];
    private readonly List<string> _warnings = [];
    private bool _annotationsCreated;
    private bool _labelsCreated;

    public IReadOnlyList<PatchOperation> Operations => _operations;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string message) => _warnings.Add(WarningText.Fit(message));

    public void EnsureAnnotation(string key, string value)
    {
        if (target.Annotation(key) == value)
        {
            return;
        }

        // RFC 6902 cannot add a member to a map that does not exist, so the map comes first (only when absent:
        // "add" on an existing map would replace every key in it).
        if (!target.HasAnnotations && !_annotationsCreated)
        {
            _operations.Add(PatchOperation.Add(AnnotationsPath, new JsonObject()));
            _annotationsCreated = true;
        }

        _operations.Add(PatchOperation.Add($"{AnnotationsPath}/{JsonPointer.Escape(key)}", value));
    }

    public void RemoveAnnotation(string key)
    {
        if (target.Annotation(key) is { } current)
        {
            var path = $"{AnnotationsPath}/{JsonPointer.Escape(key)}";
            _operations.Add(PatchOperation.Test(path, current));
            _operations.Add(PatchOperation.Remove(path));
        }
    }

    public void EnsureLabel(string key, string value)
    {
        if (target.Label(key) == value)
        {
            return;
        }

        if (!target.HasLabels && !_labelsCreated)
        {
            _operations.Add(PatchOperation.Add(LabelsPath, new JsonObject()));
            _labelsCreated = true;
        }

        _operations.Add(PatchOperation.Add($"{LabelsPath}/{JsonPointer.Escape(key)}", value));
    }

    public void RemoveLabel(string key)
    {
        if (target.Label(key) is { } current)
        {
            var path = $"{LabelsPath}/{JsonPointer.Escape(key)}";
            _operations.Add(PatchOperation.Test(path, current));
            _operations.Add(PatchOperation.Remove(path));
        }
    }

    /// <summary>Sets <c>spec.paused</c>; an absent field already means false.</summary>
    public void SetPaused(bool paused)
    {
        if (target.Paused != paused)
        {
            _operations.Add(PatchOperation.Add("/spec/paused", paused));
        }
    }

    public AdmissionDecision ToDecision() => AdmissionDecision.AllowWith(_operations, _warnings);
}
