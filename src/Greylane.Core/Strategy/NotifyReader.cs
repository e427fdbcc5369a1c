using System.Text.Json.Nodes;
using Greylane.Core.Notifications;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>notify: {on: [rolled-back, paused]}</c>: which notifications the Deployment sends (never where).</summary>
internal static class NotifyReader
{
    public const string Field = "notify";

    private static readonly string[] Allowed = ["on"];

    public static NotifySpec Read(JsonNode? node, FieldReader fields)
    {
        if (node is not JsonObject obj)
        {
            if (node is not null)
            {
                fields.Add(Field, $"expected a mapping with field on, e.g. {{on: [rolled-back, paused]}}; got {FieldReader.Describe(node)}");
            }

            return NotifySpec.Default;
        }

        foreach (var (key, _) in obj)
        {
            if (key != "on")
            {
                // The security line: a namespace user may choose what is sent, never make Greylane call an address.
                fields.Add(StrategyPath.Field(Field, key), $"unknown field; allowed: {string.Join(", ", Allowed)} (where notifications go is the operator's setting, --notify-url, never the strategy's)");
            }
        }

        var path = StrategyPath.Field(Field, "on");
        if (obj["on"] is null)
        {
            return NotifySpec.Default;
        }

        var list = fields.List(obj["on"], path, $"notification types ({Names()})");
        if (list is null)
        {
            return NotifySpec.Default;
        }

        var types = new HashSet<NotificationType>();
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = StrategyPath.Index(path, i);
            var name = fields.String(list[i], itemPath);
            if (list[i] is null)
            {
                fields.Add(itemPath, $"required; write a notification type: {Names()}");
            }
            else if (name is not null && NotificationTypes.Parse(name) is { } type)
            {
                types.Add(type);
            }
            else if (name is not null)
            {
                fields.Add(itemPath, $"{FieldReader.Show(name)} is not a notification type; use {Names()}");
            }
        }

        return new NotifySpec(types);
    }

    private static string Names() => string.Join(", ", NotificationTypes.All.Select(NotificationTypes.Name));
}
