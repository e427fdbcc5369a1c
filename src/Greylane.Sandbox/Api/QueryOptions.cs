using System.Globalization;
using Greylane.Sandbox.Selectors;
using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>The list, watch and write options of a request's query string, validated.</summary>
internal sealed record QueryOptions(
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    int? Limit,
    string? Continue,
    bool Watch,
    bool AllowBookmarks,
    TimeSpan? Timeout,
    bool SendInitialEvents,
    bool DryRun,
    string? FieldManager,
    bool? Force)
{
    public static QueryOptions From(IQueryCollection query)
    {
        try
        {
            return new QueryOptions(
                LabelSelector.Parse(query["labelSelector"]),
                FieldSelector.Parse(query["fieldSelector"]),
                Nullable(query["resourceVersion"]),
                Number(query, "limit") is { } limit and > 0 ? (int)limit : null,
                Nullable(query["continue"]),
                Flag(query, "watch"),
                Flag(query, "allowWatchBookmarks"),
                Number(query, "timeoutSeconds") is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null,
                Flag(query, "sendInitialEvents"),
                DryRunAll(query),
                Nullable(query["fieldManager"]),
                OptionalFlag(query, "force"));
        }
        catch (FormatException ex)
        {
            throw ApiException.BadRequest(ex.Message);
        }
    }

    private static string? Nullable(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() is "true" or "1" or "True";

    private static bool? OptionalFlag(IQueryCollection query, string name) => query[name].ToString() switch
    {
        "" when !query.ContainsKey(name) => null,
        "true" or "1" or "True" => true,
        "false" or "0" or "False" or "" => false,
        var text => throw new FormatException($"invalid value for {name}: \"{text}\" is not a boolean"),
    };

    private static long? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"invalid value for {name}: \"{text}\" is not a non-negative integer");
    }

    private static bool DryRunAll(IQueryCollection query)
    {
        var values = query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw new FormatException($"invalid dryRun value \"{value}\": the only supported value is \"All\"");
            }
        }

        return values.Count > 0;
    }
}
