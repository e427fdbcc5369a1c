using Greylane.Cli.Arguments;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Greylane.Cli.Kube;

/// <summary>A client for the cluster the kubeconfig names, and the namespace to work in (resolved the way kubectl does).</summary>
internal sealed record KubeTarget(IKubernetes Client, string Namespace)
{
    /// <summary>
    /// kubectl's order: <c>--kubeconfig</c>, else every file of <c>$KUBECONFIG</c> (merged, ':'-separated), else
    /// <c>~/.kube/config</c>; <c>--context</c> else the current context; <c>-n</c> else the context's namespace, else default.
    /// </summary>
    public static KubeTarget Connect(ParsedArgs args, Func<string, string?> environment)
    {
        var files = KubeconfigFiles(args.Option("kubeconfig"), environment);
        var context = args.Option("context");
        KubernetesClientConfiguration config;
        try
        {
            var merged = Merge(files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f))).ToList());
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
        }
        catch (KubeConfigException e)
        {
            var which = context is null ? "its current context" : $"context `{context}`";
            throw new CliException($"cannot use {which} from kubeconfig {string.Join(", ", files)}: {e.Message}; check `kubectl config get-contexts` and pass --context");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new CliException($"cannot read kubeconfig {string.Join(", ", files)}: {e.Message}; fix the file or pass another with --kubeconfig");
        }

        var ns = args.Option("namespace") ?? (string.IsNullOrEmpty(config.Namespace) ? "default" : config.Namespace);
        return new KubeTarget(new Kubernetes(config), ns);
    }

    private static IReadOnlyList<string> KubeconfigFiles(string? flag, Func<string, string?> environment)
    {
        if (flag is not null)
        {
            return File.Exists(flag)
                ? [flag]
                : throw new CliException($"kubeconfig {flag} (from --kubeconfig) does not exist; pass the path of an existing file");
        }

        if (environment("KUBECONFIG") is { Length: > 0 } list)
        {
            var existing = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).ToList();
            return existing.Count > 0
                ? existing
                : throw new CliException($"no file of KUBECONFIG={list} exists; set KUBECONFIG to your kubeconfig or pass --kubeconfig");
        }

        var home = environment("HOME") ?? environment("USERPROFILE") ?? "";
        var fallback = Path.Combine(home, ".kube", "config");
        return File.Exists(fallback)
            ? [fallback]
            : throw new CliException($"no kubeconfig: {fallback} does not exist and KUBECONFIG is not set; pass --kubeconfig PATH or set KUBECONFIG");
    }

    // kubectl's merge of $KUBECONFIG: the first file that names a cluster, user or context (or sets current-context) wins.
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        var merged = configs[0];
        foreach (var next in configs.Skip(1))
        {
            merged.CurrentContext ??= next.CurrentContext;
            merged.Clusters = Union(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, next.Users, u => u.Name);
            merged.Contexts = Union(merged.Contexts, next.Contexts, c => c.Name);
        }

        return merged;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name, StringComparer.Ordinal)];
}
