namespace Greylane.Webhook.Analysis;

/// <summary>A Prometheus setting is wrong; the message names it and the fix.</summary>
public sealed class PrometheusOptionsException(string message) : Exception(message);
