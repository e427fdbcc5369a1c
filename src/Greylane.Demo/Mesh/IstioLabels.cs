using Greylane.Core.Analysis;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Mesh;

/// <summary>
/// The labels an Envoy sidecar puts on Istio's standard metrics for a request it received (reporter "destination"),
/// computed from the destination pod as Istio computes them: canonical service by <see cref="CanonicalNames"/>,
/// canonical revision from <c>service.istio.io/canonical-revision</c>, <c>app.kubernetes.io/version</c>, <c>version</c>,
/// else <c>latest</c>. The source is the gateway or, for a pod's outbound call, a workload this stand-in cannot see.
/// </summary>
internal static class IstioLabels
{
    /// <summary>Label names in the order they are exported (Istio's standard set for HTTP).</summary>
    public static readonly string[] Names =
    [
        "reporter", "source_workload", "source_workload_namespace", "source_principal", "source_app", "source_version",
        "source_canonical_service", "source_canonical_revision", "source_cluster", "destination_workload",
        "destination_workload_namespace", "destination_principal", "destination_app", "destination_version",
        "destination_service", "destination_service_name", "destination_service_namespace", "destination_canonical_service",
        "destination_canonical_revision", "destination_cluster", "request_protocol", "response_code", "grpc_response_status",
        "response_flags", "connection_security_policy", "namespace",
    ];

    /// <summary>The label values of one request to <paramref name="pod"/> of Service <paramref name="service"/>, answered with <paramref name="code"/>.</summary>
    public static string[] For(RunningPod pod, string service, bool fromGateway, int code)
    {
        var labels = pod.Labels;
        var workload = Workload(pod);
        var app = labels.GetValueOrDefault("app", "unknown");
        var version = labels.GetValueOrDefault("version", "unknown");
        var revision = labels.GetValueOrDefault(CanonicalNames.RevisionLabel)
            ?? labels.GetValueOrDefault("app.kubernetes.io/version")
            ?? labels.GetValueOrDefault("version")
            ?? "latest";
        var source = fromGateway ? "istio-ingressgateway" : "unknown";
        var sourceNamespace = fromGateway ? "istio-system" : "unknown";
        return
        [
            "destination", source, sourceNamespace, "unknown", source, "unknown",
            source, "latest", "Kubernetes", workload,
            pod.Namespace, $"spiffe://cluster.local/ns/{pod.Namespace}/sa/default", app, version,
            $"{service}.{pod.Namespace}.svc.cluster.local", service, pod.Namespace, CanonicalNames.Service(labels, workload),
            revision, "Kubernetes", "http", code.ToString(System.Globalization.CultureInfo.InvariantCulture), "",
            code == 503 ? "UH" : "-", "mutual_tls",

            // What Kubernetes pod discovery relabelling adds for the reporting (destination) pod; tenancy scopes by it.
            pod.Namespace,
        ];
    }

    /// <summary>The workload (Deployment or canary ReplicaSet) name: the pod name without its random suffix and template hash.</summary>
    private static string Workload(RunningPod pod)
    {
        var name = pod.Name[..Math.Max(0, pod.Name.LastIndexOf('-'))];
        return pod.Labels.TryGetValue("pod-template-hash", out var hash) && name.EndsWith("-" + hash, StringComparison.Ordinal)
            ? name[..^(hash.Length + 1)]
            : name;
    }
}
