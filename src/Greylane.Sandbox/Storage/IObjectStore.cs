using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>
/// The sandbox's object store: what the REST layer serves and what the built-in controllers read and
/// write directly (controllers' writes skip admission, as ReplicaSet/Pod writes would not match
/// Greylane's webhook anyway). Objects are JSON, as stored by kube-apiserver; callers get copies.
/// </summary>
public interface IObjectStore
{
    /// <summary>The object, or null.</summary>
    JsonObject? Get(ResourceType type, string? ns, string name);

    /// <summary>All objects of a type, in one namespace or (null) every namespace, ordered by namespace then name.</summary>
    IReadOnlyList<JsonObject> List(ResourceType type, string? ns);

    /// <summary>Stores a new object: assigns uid, resourceVersion, creationTimestamp, generation 1. Throws <see cref="StoreException"/> (409 AlreadyExists, 422 Invalid).</summary>
    JsonObject Create(ResourceType type, JsonObject obj);

    /// <summary>
    /// Replaces an object. A non-empty <c>metadata.resourceVersion</c> must equal the stored one (else 409 Conflict);
    /// <paramref name="statusOnly"/> keeps everything but <c>status</c> from the stored object (the status subresource),
    /// otherwise <c>status</c> is kept from the stored object and <c>generation</c> is bumped when <c>spec</c> changed.
    /// </summary>
    JsonObject Update(ResourceType type, JsonObject obj, bool statusOnly = false);

    /// <summary>
    /// Deletes an object (with finalizers: sets <c>deletionTimestamp</c> and keeps it until they are removed).
    /// Returns the object as deleted (or marked), or throws 404.
    /// </summary>
    JsonObject Delete(ResourceType type, string? ns, string name);

    /// <summary>The current global resourceVersion.</summary>
    long CurrentVersion { get; }

    /// <summary>Called synchronously, in resourceVersion order, after every committed change.</summary>
    IDisposable Subscribe(Action<StoreEvent> handler);
}

/// <summary>A committed change: ADDED, MODIFIED or DELETED, with the object as stored.</summary>
public sealed record StoreEvent(string Type, ResourceType Resource, JsonObject Object, long ResourceVersion);

/// <summary>A failed store operation, carrying what the REST layer answers: HTTP code, reason (Conflict, AlreadyExists, NotFound, Invalid) and message.</summary>
public sealed class StoreException(int code, string reason, string message) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>The Kubernetes <c>Status.reason</c>.</summary>
    public string Reason { get; } = reason;
}
