namespace Greylane.Webhook.Controller;

/// <summary>One list answer of an informer: the items and the list's resourceVersion, from which the watch starts.</summary>
internal sealed record InformerList<TItem>(IReadOnlyList<TItem> Items, string? ResourceVersion);
