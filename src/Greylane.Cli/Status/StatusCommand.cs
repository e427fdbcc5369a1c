using Greylane.Cli.Arguments;
using Greylane.Cli.Kube;
using Greylane.Core;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Status;

/// <summary><c>status [DEPLOYMENT] [-n NS] [--watch] [-o json]</c>.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, KubeTarget target, CliConsole console, CancellationToken ct)
    {
        var json = args.Option("output") switch
        {
            null => false,
            "json" => true,
            var other => throw new CliException($"output format `{other}` is not supported; use -o json or leave -o out for text"),
        };
        if (args.Positionals.Count > 1)
        {
            throw new CliException($"status takes at most one Deployment name (got {string.Join(", ", args.Positionals)}); run it once per Deployment, or without a name for all of them");
        }

        var watch = args.Switch("watch");
        var name = args.Positionals.Count == 1 ? args.Positionals[0] : null;
        var printer = new Printer(console.Out, json, watch, target.Namespace);
        if (name is not null)
        {
            var deployment = await Deployments.ReadAsync(target.Client, target.Namespace, name, ct);
            await printer.OneAsync(await ReleaseReader.ReadAsync(target.Client, deployment, ct));
            if (await UnseenDeployments.ReportAsync(target, UnseenDeployments.IsUnseen(deployment) ? [name] : [], console, ct) is var code && code != ExitCodes.Ok)
            {
                return code;
            }

            if (watch)
            {
                await WatchAsync(target, $"metadata.name={name}", null, deployment.Metadata.ResourceVersion, async (type, d) =>
                {
                    if (type == WatchEventType.Deleted)
                    {
                        await console.Out.WriteLineAsync($"Deployment {target.Namespace}/{name} was deleted.");
                        return false;
                    }

                    await printer.OneAsync(await ReleaseReader.ReadAsync(target.Client, d, ct));
                    return true;
                }, ct);
            }

            return ExitCodes.Ok;
        }

        var unseen = await UnseenDeployments.ListAsync(target, ct);
        var (rv, shown) = await PrintAllAsync(target, printer, ct, quietWhenEmpty: unseen.Count > 0);
        if (shown == 0 && unseen.Count == 0 && !json)
        {
            await EmptyNamespaceNotice.ReportAsync(target, console, ct);
        }

        if (await UnseenDeployments.ReportAsync(target, unseen, console, ct) is var listCode && listCode != ExitCodes.Ok)
        {
            return listCode;
        }

        if (watch)
        {
            await WatchAsync(target, null, $"{GreylaneKeys.Managed}=true", rv, async (_, _) =>
            {
                await PrintAllAsync(target, printer, ct);
                return true;
            }, ct);
        }

        return ExitCodes.Ok;
    }

    private static async Task<(string ResourceVersion, int Shown)> PrintAllAsync(KubeTarget target, Printer printer, CancellationToken ct, bool quietWhenEmpty = false)
    {
        var list = await target.Client.AppsV1.ListNamespacedDeploymentAsync(target.Namespace, labelSelector: $"{GreylaneKeys.Managed}=true", cancellationToken: ct);
        var views = new List<ReleaseView>();
        foreach (var deployment in list.Items.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            views.Add(await ReleaseReader.ReadAsync(target.Client, deployment, ct));
        }

        // "No opted-in Deployments" would be wrong when some are opted in but unseen: the notice on stderr says why.
        if (views.Count > 0 || !quietWhenEmpty || printer.Json)
        {
            await printer.ManyAsync(views);
        }

        return (list.Metadata.ResourceVersion, views.Count);
    }

    // Watches from the last resourceVersion seen; a closed stream (server timeout) or an error (410 Expired) starts a
    // new watch from the newest version after a second, so a long --watch survives API server restarts.
    private static async Task WatchAsync(
        KubeTarget target, string? fieldSelector, string? labelSelector, string resourceVersion,
        Func<WatchEventType, V1Deployment, Task<bool>> onEvent, CancellationToken ct)
    {
        var rv = resourceVersion;
        while (!ct.IsCancellationRequested)
        {
            var failed = false;
            try
            {
                var events = target.Client.AppsV1.WatchListNamespacedDeploymentAsync(
                    target.Namespace, fieldSelector: fieldSelector, labelSelector: labelSelector, resourceVersion: rv, onError: _ => failed = true, cancellationToken: ct);
                await foreach (var (type, deployment) in events)
                {
                    if (type is WatchEventType.Bookmark or WatchEventType.Error || deployment?.Metadata is null)
                    {
                        failed |= type == WatchEventType.Error;
                        continue;
                    }

                    rv = deployment.Metadata.ResourceVersion;
                    if (!await onEvent(type, deployment))
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
            {
                failed = true;
            }

            if (failed)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var fresh = await target.Client.AppsV1.ListNamespacedDeploymentAsync(
                    target.Namespace, fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: ct);
                rv = fresh.Metadata.ResourceVersion;
            }
        }
    }

    private sealed class Printer(TextWriter output, bool json, bool watch, string ns)
    {
        private bool _printed;

        public bool Json => json;

        public Task OneAsync(ReleaseView view) =>
            WriteAsync(json ? StatusJson.Write(StatusJson.Document(view), watch) : StatusText.Detail(view));

        public Task ManyAsync(IReadOnlyList<ReleaseView> views) =>
            WriteAsync(json ? StatusJson.Write(StatusJson.List(views, ns), watch) : StatusText.Table(views, ns));

        private async Task WriteAsync(string text)
        {
            // Text blocks under --watch are separated by a blank line; JSON is one document per line.
            if (_printed && !json)
            {
                await output.WriteLineAsync();
            }

            _printed = true;
            await output.WriteAsync(text);
            await output.FlushAsync();
        }
    }
}
