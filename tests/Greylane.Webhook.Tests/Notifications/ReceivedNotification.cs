namespace Greylane.Webhook.Notifications.Tests;

/// <summary>One request: its content type, body, authorization header and the status answered (0 when the sender hung up).</summary>
internal sealed record ReceivedNotification(string ContentType, string Body, string Authorization, int Status);
