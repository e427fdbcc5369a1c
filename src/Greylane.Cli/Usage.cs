namespace Greylane.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        kubectl greylane: watch and steer Greylane canary releases of Deployments.

        Commands:
          status [DEPLOYMENT] [-n NS] [--watch] [-o json]   the release of one Deployment, or one line per opted-in Deployment
          promote DEPLOYMENT [--full]                        move to the next step (--full: straight to promotion)
          abort DEPLOYMENT                                   roll the release back
          pause DEPLOYMENT                                   hold the release where it is
          resume DEPLOYMENT                                  lift a pause or a hold
          retry DEPLOYMENT                                   start a rolled-back release again from step 1
          plan -f FILE [-f FILE ...] [-n NS]                 preview every step from manifests, without a cluster
          dashboard [-n NS | -A] [--port P] [--no-browser]   a live page of the releases on http://127.0.0.1, with your rights

        Flags:
          -n, --namespace NS     namespace (default: the kubeconfig context's, else default)
          --kubeconfig PATH      kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)
          --context NAME         kubeconfig context (default: the current one)
          -o, --output json      machine-readable output (status)
          -w, --watch            re-print on every change until Ctrl-C (status)
          --timeout DURATION     how long a command waits for the controller (default 30s; e.g. 10s, 2m)
          -f, --filename PATH    a manifest file (several YAML documents allowed) or a directory (plan)
          -A, --all-namespaces   every namespace you may list (dashboard)
          --port P               the dashboard's port on 127.0.0.1 (default: a free one)
          --no-browser           print the dashboard's address without opening a browser
          --prometheus-tenancy on|off      the controller's setting (plan): on, the default, shows each query kept in
                                           its Deployment's namespace and refuses one that reads another; off, as written
          --prometheus-tenancy-label NAME  the label that holds the namespace in Prometheus (plan; default namespace)

        Exit codes: 0 ok; 1 a problem the message explains (bad input, not found, not opted in, command does not apply,
        Greylane not running where status finds opted-in Deployments); 2 the controller did not act on a command within --timeout.

        """;
}
