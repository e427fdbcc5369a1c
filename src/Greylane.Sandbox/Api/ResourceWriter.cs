using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Defaults;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Validation;

namespace Greylane.Sandbox.Api;

/// <summary>
/// The write path of kube-apiserver in its order: defaulting, field management (before admission, so a field a
/// webhook sets is not owned by the webhook), mutating admission, defaulting again, validation, then the store
/// (skipped under dryRun=All).
/// </summary>
internal sealed partial class ResourceWriter(InMemoryObjectStore store, IAdmissionChain admission, FieldManagement fields)
{
    public async Task<WriteResult> CreateAsync(ResourceType type, string? ns, JsonObject body, WriteOptions options, CancellationToken ct)
    {
        var dryRun = options.DryRun;
        CheckTypeFields(type, body);
        var meta = body.Metadata();
        if (type.Namespaced)
        {
            if (body.Namespace() is { } given && ns is not null && given != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            ns ??= body.Namespace() ?? "default";
            meta["namespace"] = ns;
            RequireNamespace(ns);
        }

        if (type.Subresources.Contains("status"))
        {
            // PrepareForCreate: a client cannot create an object with a status it made up.
            body.Remove("status");
        }

        Defaulting.Apply(type, body, null);
        if (!options.Applied)
        {
            fields.Update(type, null, null, body, options.Manager);
        }

        var name = body.Name();
        var (admitted, warnings) = await AdmitAsync("CREATE", type, null, ns, name, body, null, options, ct);
        Defaulting.Apply(type, admitted, null);
        ObjectValidation.Check(type, admitted, null);
        if (dryRun)
        {
            return new WriteResult(201, DryRunCreate(type, admitted), warnings);
        }

        var created = Store(type, admitted.Name(), () => store.Create(type, admitted));
        return new WriteResult(201, created, warnings);
    }

    public async Task<WriteResult> UpdateAsync(ResourceType type, string? ns, string name, string? sub, JsonObject body, WriteOptions options, CancellationToken ct)
    {
        CheckName(body, name);
        if (type.Namespaced)
        {
            if (body.Namespace() is { } given && given != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            body.Metadata()["namespace"] = ns;
        }

        var stored = store.Get(type, ns, name) ?? throw ApiException.From(StoreErrors.NotFound(type, name), type, name);
        if (sub == "scale")
        {
            return await WriteScaleAsync(type, stored, body, options, ct);
        }

        CheckTypeFields(type, body);
        return await UpdateFromAsync(type, sub, stored, body, options, ct);
    }

    /// <summary>Writes <paramref name="next"/> over <paramref name="stored"/> (a PUT body or a patch result).</summary>
    public async Task<WriteResult> UpdateFromAsync(ResourceType type, string? sub, JsonObject stored, JsonObject next, WriteOptions options, CancellationToken ct)
    {
        var dryRun = options.DryRun;
        var name = stored.Name();
        if (next.ResourceVersion() is { } rv && rv != stored.ResourceVersion())
        {
            throw ApiException.From(StoreErrors.Conflict(type, name), type, name);
        }

        var statusOnly = sub == "status";
        if (!statusOnly)
        {
            Defaulting.Apply(type, next, stored);
        }

        if (!options.Applied)
        {
            fields.Update(type, sub, stored, next, options.Manager);
        }

        var (admitted, warnings) = await AdmitAsync("UPDATE", type, sub, stored.Namespace(), name, next, stored, options, ct);
        if (!statusOnly)
        {
            Defaulting.Apply(type, admitted, stored);
            ObjectValidation.Check(type, admitted, stored);
        }

        if (dryRun)
        {
            return new WriteResult(200, admitted, warnings);
        }

        var updated = Store(type, name, () => store.Update(type, admitted, statusOnly));
        return new WriteResult(200, updated, warnings);
    }

    /// <summary>Writes a Scale (PUT body or patch result) to the object's <c>spec.replicas</c> and answers the new Scale.</summary>
    public async Task<WriteResult> WriteScaleAsync(ResourceType type, JsonObject stored, JsonObject scale, WriteOptions options, CancellationToken ct)
    {
        var dryRun = options.DryRun;
        var name = stored.Name();
        var before = ScaleView.From(stored);
        if (scale.ResourceVersion() is { } rv && rv != stored.ResourceVersion())
        {
            throw ApiException.From(StoreErrors.Conflict(type, name), type, name);
        }

        var (admitted, warnings) = await AdmitAsync("UPDATE", type, "scale", stored.Namespace(), name, scale, before, options, ct);
        var next = ScaleView.ApplyTo(stored, admitted);
        fields.Update(type, "scale", stored, next, options.Manager);
        ObjectValidation.Check(type, next, stored);
        var written = dryRun ? next : Store(type, name, () => store.Update(type, next));
        return new WriteResult(200, ScaleView.From(written), warnings);
    }

    private void RequireNamespace(string ns)
    {
        if (store.Get(BuiltInResources.Namespaces, null, ns) is null)
        {
            throw ApiException.From(StoreErrors.NotFound(BuiltInResources.Namespaces, ns), BuiltInResources.Namespaces, ns);
        }
    }

    private async Task<(JsonObject Object, IReadOnlyList<string> Warnings)> AdmitAsync(
        string operation, ResourceType type, string? sub, string? ns, string name, JsonObject? obj, JsonObject? old, WriteOptions options, CancellationToken ct)
    {
        var managedFields = obj?["metadata"]?["managedFields"]?.DeepClone();
        var outcome = await admission.AdmitAsync(
            new AdmissionAttributes(operation, type, sub, ns, name, obj, old, options.DryRun, options.UserName, options.FieldManager), ct);
        if (!outcome.Allowed)
        {
            var code = outcome.Code is >= 400 and < 600 ? outcome.Code : 403;
            throw new ApiException(code, outcome.Reason ?? ReasonFor(code), outcome.Message ?? "admission webhook denied the request", ApiException.DetailsFor(type, name));
        }

        var admitted = (outcome.Object ?? obj)!;
        ManagedFieldsAfterAdmission(admitted, managedFields);
        return (admitted, outcome.Warnings);
    }

    private static JsonObject Store(ResourceType type, string name, Func<JsonObject> write)
    {
        try
        {
            return write();
        }
        catch (StoreException ex)
        {
            throw ApiException.From(ex, type, name);
        }
    }
}
