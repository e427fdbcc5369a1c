using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// kube-apiserver's mutating webhook admission: every stored MutatingWebhookConfiguration's webhooks, in order,
/// matched by rules, namespaceSelector, objectSelector and matchConditions, called over HTTPS with an AdmissionReview,
/// their JSONPatches applied, failurePolicy and reinvocationPolicy honoured.
/// </summary>
public sealed partial class WebhookAdmissionChain : IAdmissionChain
{
    private readonly Func<IReadOnlyList<JsonObject>> _configurations;
    private readonly WebhookMatcher _matcher;
    private readonly MatchConditions _conditions;
    private readonly WebhookCaller _caller;
    private readonly ILogger _logger;

    /// <summary>Creates the chain over the stored configurations and namespaces, with the system clock for timeouts.</summary>
    public WebhookAdmissionChain(Func<IReadOnlyList<JsonObject>> webhookConfigurations, Func<string, JsonObject?> namespaceLookup, ILogger logger)
        : this(webhookConfigurations, namespaceLookup, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates the chain with the clock that times webhook calls out.</summary>
    public WebhookAdmissionChain(
        Func<IReadOnlyList<JsonObject>> webhookConfigurations, Func<string, JsonObject?> namespaceLookup, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(webhookConfigurations);
        ArgumentNullException.ThrowIfNull(namespaceLookup);
        ArgumentNullException.ThrowIfNull(logger);
        _configurations = webhookConfigurations;
        _matcher = new WebhookMatcher(namespaceLookup);
        _conditions = new MatchConditions((expression, problem) => Log.UnsupportedMatchCondition(logger, expression, problem));
        _caller = new WebhookCaller(timeProvider);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var hooks = Webhook.All(_configurations());
        var round = new AdmissionRound(attributes);
        try
        {
            await RunAsync(hooks, round, reinvocation: false, cancellationToken).ConfigureAwait(false);

            // One more pass, only over IfNeeded webhooks that a later webhook's change made due (the real rule: at most once).
            if (round.Changed && round.Reinvoke.Count > 0)
                await RunAsync(hooks, round, reinvocation: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebhookRejection rejection)
        {
            return new AdmissionOutcome(false, null, round.Warnings, rejection.Code, rejection.Reason, rejection.Message);
        }

        return new AdmissionOutcome(true, round.Object, round.Warnings);
    }

    private async Task RunAsync(List<Webhook> hooks, AdmissionRound round, bool reinvocation, CancellationToken cancellationToken)
    {
        foreach (var hook in hooks)
        {
            if (!_matcher.Matches(hook, round.Current) || (reinvocation && !round.Reinvoke.Contains(hook.Uid)))
                continue;
            var uid = Guid.NewGuid().ToString();
            var review = AdmissionReviewRequest.Build(uid, round.Attributes, round.Object);
            var changed = false;
            WebhookCallException? failure = null;
            try
            {
                if (!_conditions.Matches(hook, round.Attributes, review["request"]!.AsObject()))
                    continue;
                CheckDryRun(hook, round.Attributes);
                var answer = await _caller.CallAsync(hook, review, cancellationToken).ConfigureAwait(false);
                changed = WebhookResponse.Apply(hook, uid, answer, round);
            }
            catch (WebhookCallException e)
            {
                failure = e;
            }

            round.Called(hook, changed);
            if (failure is null)
                continue;
            if (hook.IgnoreFailures)
            {
                Log.FailingOpen(_logger, hook.Name, failure.Message);
                continue;
            }

            Log.FailingClosed(_logger, hook.Name, failure.Message);
            throw new WebhookRejection(500, "InternalError", $"Internal error occurred: {failure.Message}");
        }
    }

    // A dry run may only reach webhooks that declare they have no side effects.
    private static void CheckDryRun(Webhook hook, AdmissionAttributes attributes)
    {
        if (!attributes.DryRun)
            return;
        if (hook.SideEffects is null)
            throw new WebhookCallException(hook.Name, "Webhook SideEffects is nil");
        if (hook.SideEffects is not ("None" or "NoneOnDryRun"))
            throw new WebhookRejection(400, "BadRequest", $"admission webhook \"{hook.Name}\" does not support dry run");
    }
}
