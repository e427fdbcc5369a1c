using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>
/// Where a Deployment's strategy comes from: <c>greylane.dev/strategy</c> over the ConfigMap that
/// <c>greylane.dev/strategy-ref</c> names (key <c>strategy.yaml</c>, in the Deployment's namespace). The controller,
/// <c>status</c> and <c>plan</c> read it through here, so they accept and refuse the same strategies with the same words;
/// only how a ConfigMap is looked up differs (the API, or the files given to <c>plan</c>).
/// </summary>
public static class StrategySource
{
    /// <summary>The ConfigMap <c>greylane.dev/strategy-ref</c> names, or null when the annotation is absent or blank.</summary>
    public static string? Reference(string? annotation) => string.IsNullOrWhiteSpace(annotation) ? null : annotation;

    /// <summary>
    /// The strategy of a Deployment in <paramref name="namespace"/> whose annotations <paramref name="annotation"/> reads;
    /// <paramref name="sharedStrategy"/> gives the <c>strategy.yaml</c> value of a ConfigMap by name, or null when the
    /// ConfigMap or the key is missing. Queries are judged against <paramref name="tenancy"/> when given.
    /// </summary>
    public static StrategyReadResult Read(string @namespace, Func<string, string?> annotation, Func<string, string?> sharedStrategy, TenancyCheck? tenancy = null)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(sharedStrategy);
        var reference = Reference(annotation(GreylaneKeys.StrategyRef));
        return Decide(@namespace, annotation, reference, reference is null ? null : sharedStrategy(reference), tenancy);
    }

    /// <summary><see cref="Read"/> with a lookup that calls the API.</summary>
    public static async Task<StrategyReadResult> ReadAsync(
        string @namespace,
        Func<string, string?> annotation,
        Func<string, CancellationToken, Task<string?>> sharedStrategy,
        TenancyCheck? tenancy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(sharedStrategy);
        var reference = Reference(annotation(GreylaneKeys.StrategyRef));
        var shared = reference is null ? null : await sharedStrategy(reference, cancellationToken).ConfigureAwait(false);
        return Decide(@namespace, annotation, reference, shared, tenancy);
    }

    private static StrategyReadResult Decide(string @namespace, Func<string, string?> annotation, string? reference, string? shared, TenancyCheck? tenancy) =>
        reference is not null && shared is null
            ? new StrategyReadResult(null, [new StrategyError(
                GreylaneKeys.StrategyRef,
                $"ConfigMap {@namespace}/{reference} with key {GreylaneKeys.StrategyConfigMapKey} was not found; create it in the Deployment's namespace or remove the annotation")])
            : StrategyReader.Read(annotation(GreylaneKeys.Strategy), shared, tenancy);
}
