using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>A request failure answered with a <c>Status</c> body, shaped as kube-apiserver shapes it.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException NotFoundPath(string path) =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject { ["causes"] = Cause("UnexpectedServerResponse", $"no resource is served at {path}") });

    public static ApiException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    public static ApiException UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    /// <summary>422 Invalid with one cause per field problem, message joined as the real server joins them.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldProblem> problems)
    {
        var text = problems.Count == 1 ? problems[0].ToString() : $"[{string.Join(", ", problems)}]";
        var details = DetailsFor(type, name);
        details["causes"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["reason"] = p.Reason, ["message"] = p.Detail, ["field"] = p.Field })]);
        return new(422, "Invalid", $"{type.QualifiedKind()} \"{name}\" is invalid: {text}", details);
    }

    /// <summary>The store's failure as the REST layer answers it, with details naming the object.</summary>
    public static ApiException From(StoreException error, ResourceType type, string name) =>
        new(error.Code, error.Reason, error.Message, DetailsFor(type, name));

    public static JsonObject DetailsFor(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        return details;
    }

    /// <summary>The <c>Status</c> object for this failure.</summary>
    public JsonObject ToStatus() => StatusBody.Failure(Code, Reason, Message, Details);

    private static JsonArray Cause(string reason, string message) => [new JsonObject { ["reason"] = reason, ["message"] = message }];
}
