namespace Greylane.Sandbox.Storage;

/// <summary>The store's failures with kube-apiserver's exact reasons and message texts.</summary>
public static class StoreErrors
{
    /// <summary>404 NotFound: <c>deployments.apps "web" not found</c>.</summary>
    public static StoreException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource()} \"{name}\" not found");

    /// <summary>409 AlreadyExists: <c>deployments.apps "web" already exists</c>.</summary>
    public static StoreException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource()} \"{name}\" already exists");

    /// <summary>409 Conflict for a stale resourceVersion, worded as the real server words it.</summary>
    public static StoreException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource()} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>409 Conflict for a uid precondition that does not match.</summary>
    public static StoreException UidMismatch(ResourceType type, string name, string wanted, string actual) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource()} \"{name}\": Precondition failed: UID in precondition: {wanted}, UID in object meta: {actual}");

    /// <summary>422 Invalid: <c>Deployment.apps "web" is invalid: field: detail</c>.</summary>
    public static StoreException Invalid(ResourceType type, string name, string field, string detail) =>
        new(422, "Invalid", $"{type.QualifiedKind()} \"{name}\" is invalid: {field}: {detail}");
}
