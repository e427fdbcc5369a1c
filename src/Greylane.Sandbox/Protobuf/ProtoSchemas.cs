namespace Greylane.Sandbox.Protobuf;

/// <summary>
/// Field numbers (from k8s.io/api generated.proto) of the messages kubectl's typed commands send for the
/// simple kinds: <c>kubectl create namespace|configmap|secret</c>, and the DeleteOptions that client-go's typed
/// clients (helm's release storage) send with a delete.
/// </summary>
internal static class ProtoSchemas
{
    /// <summary>The kinds a request body may hold, with the apiVersions their envelope may carry.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TopLevel = new Dictionary<string, string[]>
    {
        ["Namespace"] = ["v1"],
        ["ConfigMap"] = ["v1"],
        ["Secret"] = ["v1"],

        // DeleteOptions is registered in every group version; the core clientset encodes it as v1.
        ["DeleteOptions"] = ["v1", "meta.k8s.io/v1"],
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, ProtoField>> Messages = new Dictionary<string, IReadOnlyDictionary<int, ProtoField>>
    {
        ["ObjectMeta"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoShape.String),
            [2] = new("generateName", ProtoShape.String),
            [3] = new("namespace", ProtoShape.String),
            [5] = new("uid", ProtoShape.String),
            [6] = new("resourceVersion", ProtoShape.String),
            [7] = new("generation", ProtoShape.Int64),
            [8] = new("creationTimestamp", ProtoShape.Ignored),
            [11] = new("labels", ProtoShape.StringMap),
            [12] = new("annotations", ProtoShape.StringMap),
            [14] = new("finalizers", ProtoShape.RepeatedString),
        },
        ["Namespace"] = new Dictionary<int, ProtoField>
        {
            [1] = new("metadata", ProtoShape.Message, "ObjectMeta"),
            [2] = new("spec", ProtoShape.Message, "NamespaceSpec"),
            [3] = new("status", ProtoShape.Ignored),
        },
        ["NamespaceSpec"] = new Dictionary<int, ProtoField> { [1] = new("finalizers", ProtoShape.RepeatedString) },
        ["ConfigMap"] = new Dictionary<int, ProtoField>
        {
            [1] = new("metadata", ProtoShape.Message, "ObjectMeta"),
            [2] = new("data", ProtoShape.StringMap),
            [3] = new("binaryData", ProtoShape.BytesMap),
            [4] = new("immutable", ProtoShape.Bool),
        },
        ["Secret"] = new Dictionary<int, ProtoField>
        {
            [1] = new("metadata", ProtoShape.Message, "ObjectMeta"),
            [2] = new("data", ProtoShape.BytesMap),
            [3] = new("type", ProtoShape.String),
            [4] = new("stringData", ProtoShape.StringMap),
            [5] = new("immutable", ProtoShape.Bool),
        },
        ["DeleteOptions"] = new Dictionary<int, ProtoField>
        {
            [1] = new("gracePeriodSeconds", ProtoShape.Int64),
            [2] = new("preconditions", ProtoShape.Message, "Preconditions"),
            [3] = new("orphanDependents", ProtoShape.Bool),
            [4] = new("propagationPolicy", ProtoShape.String),
            [5] = new("dryRun", ProtoShape.RepeatedString),
        },
        ["Preconditions"] = new Dictionary<int, ProtoField>
        {
            [1] = new("uid", ProtoShape.String),
            [2] = new("resourceVersion", ProtoShape.String),
        },
    };
}
