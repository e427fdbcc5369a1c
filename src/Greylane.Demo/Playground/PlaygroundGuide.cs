using System.Text;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Playground;

/// <summary>What the playground prints once it runs: where everything is and the next commands to type.</summary>
internal static class PlaygroundGuide
{
    public static string Text(DemoEnvironment environment, PlaygroundSettings playground, string envFile)
    {
        var text = new StringBuilder();
        if (playground.ApiOnly)
        {
            text.Append($"""
                the bare API emulator runs (--api-only: no Greylane, gateway, pods or Prometheus). In another terminal:
                  source {envFile}
                  kubectl get namespaces
                logs: {playground.Logs}. Ctrl-C stops it.
                """);
            return text.ToString();
        }

        text.Append($"""
            the playground runs: Kubernetes API {environment.Sandbox.BaseAddress}, Greylane (webhook + controller, leader election on),
            gateway {environment.Mesh.GatewayUrl} routing by the live VirtualServices, pods of greylane/sample-service:* as real services
            """);
        text.Append(environment.Prometheus is { } prometheus
            ? $", Prometheus {prometheus.Url} scraping them.\n"
            : $"; no Prometheus (not installed: {Metrics.PrometheusProcess.InstallHint}), so no analysis gates.\n");
        text.Append($"""
            logs of every part: {playground.Logs}/ (sandbox, greylane, pods, prometheus). Ctrl-C stops everything.

            Next, in another terminal at the repository root:
              source {envFile}                                  # KUBECONFIG, GREYLANE_GATEWAY{(environment.Prometheus is null ? "" : ", PROMETHEUS_URL")}
              make plugin && export PATH=$PWD/artifacts/plugin:$PATH      # kubectl greylane
              kubectl apply -k manifests/samples/seed                       # mocka and mockb, opted in
              curl $GREYLANE_GATEWAY/                                       # mocka(version: base) -> mockb(version: base)
              kubectl -n e2e set image deployment/mocka-base default=greylane/sample-service:1.1
              kubectl greylane status --watch -n e2e                        # held at the step: StepPaused
              curl -i -H 'my-request-id: canary' $GREYLANE_GATEWAY/         # the lane: x-demo-route names the canary pod
              kubectl greylane promote mocka-base -n e2e                    # or: kubectl greylane abort mocka-base -n e2e
            """);
        return text.ToString();
    }
}
