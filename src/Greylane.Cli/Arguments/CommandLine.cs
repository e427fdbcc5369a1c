namespace Greylane.Cli.Arguments;

/// <summary>A small kubectl-style parser: <c>-n NS</c>, <c>--namespace=NS</c>, <c>-oNAME</c> forms, switches, positionals.</summary>
internal static class CommandLine
{
    // Flag spellings → their canonical name.
    private static readonly Dictionary<string, string> ValueFlags = new(StringComparer.Ordinal)
    {
        ["-n"] = "namespace",
        ["--namespace"] = "namespace",
        ["--kubeconfig"] = "kubeconfig",
        ["--context"] = "context",
        ["-o"] = "output",
        ["--output"] = "output",
        ["--timeout"] = "timeout",
        ["-f"] = "filename",
        ["--filename"] = "filename",
        ["--prometheus-tenancy"] = "prometheus-tenancy",
        ["--prometheus-tenancy-label"] = "prometheus-tenancy-label",
        ["--port"] = "port",
    };

    private static readonly Dictionary<string, string> SwitchFlags = new(StringComparer.Ordinal)
    {
        ["-w"] = "watch",
        ["--watch"] = "watch",
        ["--full"] = "full",
        ["-A"] = "all-namespaces",
        ["--all-namespaces"] = "all-namespaces",
        ["--no-browser"] = "no-browser",
        ["-h"] = "help",
        ["--help"] = "help",
    };

    public static ParsedArgs Parse(IReadOnlyList<string> args)
    {
        string? verb = null;
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                var (flag, inline) = Split(arg);
                if (SwitchFlags.TryGetValue(flag, out var name))
                {
                    if (inline is not null && inline is not ("true" or "false"))
                    {
                        throw new CliException($"flag {flag} takes no value (got `{inline}`); write {flag} alone");
                    }

                    if (inline != "false")
                    {
                        switches.Add(name);
                    }

                    continue;
                }

                if (!ValueFlags.TryGetValue(flag, out name))
                {
                    throw new CliException($"unknown flag {flag}; see kubectl greylane --help for the flags");
                }

                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CliException($"flag {flag} needs a value, e.g. {flag} {Example(name)}"));
                if (!options.TryGetValue(name, out var list))
                {
                    options[name] = list = [];
                }

                list.Add(value);
                continue;
            }

            if (verb is null)
            {
                verb = arg;
            }
            else
            {
                positionals.Add(arg);
            }
        }

        return new ParsedArgs(verb, positionals, options.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.Ordinal), switches);
    }

    // --flag=value and the short forms -nNS / -ojson.
    private static (string Flag, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
        }

        if (arg.Length > 2)
        {
            var value = arg[2..];
            return (arg[..2], value.StartsWith('=') ? value[1..] : value);
        }

        return (arg, null);
    }

    private static string Example(string name) => name switch
    {
        "namespace" => "e2e",
        "output" => "json",
        "timeout" => "30s",
        "filename" => "deployment.yaml",
        "context" => "my-cluster",
        "prometheus-tenancy" => "off",
        "prometheus-tenancy-label" => "kubernetes_namespace",
        "port" => "8001",
        _ => "~/.kube/config",
    };
}
