namespace Greylane.Sandbox.Helm.Tests;

/// <summary>
/// A small chart written to disk for the helm tests: a Deployment, a Service, an Istio VirtualService (a custom
/// resource, so helm patches it with a JSON merge patch) and a ConfigMap, shaped by a few values.
/// </summary>
internal static class TestChart
{
    private const string ChartYaml = """
        apiVersion: v2
        name: shop
        version: 0.1.0
        """;

    private const string Values = """
        tag: "1"
        replicas: 2
        extraEnv: true
        metricsPort: true
        weight: 100
        behavior: ""
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          labels: {app: shop}
          annotations:
            team: payments
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: {app: shop}
          template:
            metadata:
              labels: {app: shop}
              {{- with .Values.behavior }}
              annotations:
                sandbox.greylane.dev/behavior: {{ . }}
              {{- end }}
            spec:
              containers:
                - name: shop
                  image: "shop:{{ .Values.tag }}"
                  env:
                    - {name: A, value: "a"}
                    {{- if .Values.extraEnv }}
                    - {name: B, value: "b"}
                    {{- end }}
                  ports:
                    - containerPort: 8080
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
        spec:
          selector: {app: shop}
          ports:
            - {name: http, port: 80, targetPort: 8080}
            {{- if .Values.metricsPort }}
            - {name: metrics, port: 9090}
            {{- end }}
        """;

    private const string VirtualService = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: shop
        spec:
          hosts: [shop]
          http:
            - route:
                - destination: {host: shop, subset: stable}
                  weight: {{ .Values.weight }}
        """;

    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: shop
        data:
          tag: {{ .Values.tag | quote }}
        """;

    /// <summary>Writes the chart under <paramref name="directory"/> and returns its path.</summary>
    public static string WriteTo(string directory) => Write(
        Path.Combine(directory, "shop-chart"),
        ChartYaml,
        Values,
        new Dictionary<string, string>
        {
            ["deployment.yaml"] = Deployment,
            ["service.yaml"] = Service,
            ["virtualservice.yaml"] = VirtualService,
            ["configmap.yaml"] = ConfigMap,
        });

    /// <summary>Writes any chart: Chart.yaml, values.yaml and the named templates.</summary>
    public static string Write(string chart, string chartYaml, string values, IReadOnlyDictionary<string, string> templates)
    {
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), chartYaml + "\n");
        File.WriteAllText(Path.Combine(chart, "values.yaml"), values + "\n");
        foreach (var (name, text) in templates)
        {
            File.WriteAllText(Path.Combine(chart, "templates", name), text + "\n");
        }

        return chart;
    }
}
