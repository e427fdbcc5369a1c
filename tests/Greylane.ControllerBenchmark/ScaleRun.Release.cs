using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Greylane.ControllerBenchmark;

/// <content>The releases: M updates sent at once through the API (the webhook holds each), timed to completion.</content>
internal sealed partial class ScaleRun
{
    private const int Concurrency = 8;

    /// <summary>Waves of the same M releases in all: at 10,000/100 the tier-up thread is close to done by the sixth.</summary>
    public const int Waves = 6;

    private async Task<ScaleResult> ReleaseAsync(
        ScaleResult result, GreylaneProcess greylane, StoreRecorder recorder, string kubeconfig, HttpClient http, CancellationToken cancellationToken)
    {
        var releasing = _workload.Releasing();
        var keys = releasing.Select(d => $"{d.Namespace}/{d.Name}").ToList();
        recorder.Track(keys);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var cold = await WarmUpAsync(recorder, client, cancellationToken);
        var tierUpAtFirstWave = greylane.Sample().JitCpu;
        Say($"warm-up release done; sending the first wave of {releasing.Count}");
        recorder.TakeWrites();
        var before = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = greylane.Sample();
        var sandboxBefore = SandboxCpu();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var peak = SamplePeakAsync(greylane, sampling.Token);
        var (probeNamespace, probeName) = _workload.All().First();
        var probe = ProbeApiAsync(client, probeNamespace, probeName, sampling.Token);

        var (sendAll, times, allDone) = await SendAndAwaitAsync(releasing, keys, Workload.ImageOfWave(1), recorder, client, cancellationToken);
        await sampling.CancelAsync();
        var releasePeak = await peak;
        var apiGet = await probe;
        var end = greylane.Sample();
        var after = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
        if (options.Timeline && times.Where(t => t.Completed is not null).OrderBy(t => t.Completed - t.Sent).ElementAtOrDefault(times.Count / 2) is { } median)
        {
            Timeline.Print(scale.Name, median, recorder.Samples(median.Key), recorder.Canary(median.Key));
        }

        var writes = recorder.TakeWrites();
        var sandboxCpu = SandboxCpu() - sandboxBefore;
        var collections = string.Join(" / ", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
        Say("first wave done; sending the second wave");
        var secondWave = await WaveAsync(2, greylane, recorder, client, http, cancellationToken);
        var lastWave = await LaterWavesAsync(greylane, recorder, client, http, tierUpAtFirstWave, cancellationToken);
        var last = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
        return result with
        {
            Cold = cold,
            SendAll = sendAll,
            ApiGet = apiGet,
            Releases = times,
            AllCompleted = allDone,
            ReleasePeakRssBytes = Math.Max(releasePeak, end.RssBytes),
            LifetimePeakRssBytes = end.PeakRssBytes,
            ReleaseCpu = end.Cpu - start.Cpu,
            ReleaseJitCpu = end.JitCpu - start.JitCpu,
            SandboxReleaseCpu = sandboxCpu,
            SandboxReleaseCollections = collections,
            ReleaseReconciles = after.Reconciles - before.Reconciles,
            ReleaseAdmissionReviews = after.AdmissionReviews - before.AdmissionReviews,
            ReconcileErrors = last.Errors,
            ReleaseWrites = writes,
            SecondWave = secondWave,
            LastWave = lastWave,
        };
    }

    /// <summary>
    /// The same M Deployments released again once all are done. The first wave is the figure comparable with earlier
    /// runs; the second is closer to what a release costs a controller that has been running for a while, though not
    /// there yet: the runtime's tier-up thread (the "of which" rows) still recompiles hot code during it, as call
    /// counting only starts once a burst of new methods has calmed down, and a method needs calls to move up a tier.
    /// </summary>
    private async Task<ReleaseWave> WaveAsync(int number, GreylaneProcess greylane, StoreRecorder recorder, Kubernetes client, HttpClient http, CancellationToken cancellationToken)
    {
        var releasing = _workload.Releasing();
        var keys = releasing.Select(d => $"{d.Namespace}/{d.Name}").ToList();
        recorder.Track(keys);
        recorder.TakeWrites();
        var before = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
        var start = greylane.Sample();
        var (_, times, allDone) = await SendAndAwaitAsync(releasing, keys, Workload.ImageOfWave(number), recorder, client, cancellationToken);
        var end = greylane.Sample();
        var after = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
        return new ReleaseWave(times, allDone, end.Cpu - start.Cpu, end.JitCpu - start.JitCpu, after.Reconciles - before.Reconciles);
    }

    /// <summary>
    /// Waves 3 to <see cref="Waves"/>, each sent once the tier-up thread has gone quiet, and the last one's figures: what
    /// a release costs a controller that has run for a while (its tier-up row shows how close to settled the code is),
    /// and, in the tier-up CPU from the first wave to the last, what a fresh process pays once. A quiet tier-up thread
    /// alone does not mean settled code: a method is only sent up a tier after enough calls, hence several waves.
    /// </summary>
    private async Task<LastWave> LaterWavesAsync(GreylaneProcess greylane, StoreRecorder recorder, Kubernetes client, HttpClient http, TimeSpan tierUpAtFirstWave, CancellationToken cancellationToken)
    {
        for (var number = 3; ; number++)
        {
            var (quiet, waited) = await TierUpQuietAsync(greylane, cancellationToken);
            Say($"tier-up thread {(quiet ? "quiet" : "still busy")} after {waited.TotalSeconds:F1} s; sending wave {number}");
            var tierUpBefore = greylane.Sample().JitCpu;
            var wave = await WaveAsync(number, greylane, recorder, client, http, cancellationToken);
            if (number == Waves)
            {
                return new LastWave(wave, tierUpBefore - tierUpAtFirstWave);
            }
        }
    }

    /// <summary>Waits (up to 15 s) until the tier-up thread used under 10 ms of CPU in the last second; says whether it did, and the wait.</summary>
    private static async Task<(bool Quiet, TimeSpan Waited)> TierUpQuietAsync(GreylaneProcess greylane, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastSecond = new Queue<TimeSpan>([greylane.Sample().JitCpu]);
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            var now = greylane.Sample().JitCpu;
            lastSecond.Enqueue(now);
            if (lastSecond.Count <= 4)
            {
                continue;
            }

            if (now - lastSecond.Dequeue() < TimeSpan.FromMilliseconds(10))
            {
                return (true, clock.Elapsed);
            }
        }

        return (false, clock.Elapsed);
    }

    /// <summary>Sends the M updates (<see cref="Concurrency"/> at a time) and waits until every release completed or the bound passed.</summary>
    private async Task<(TimeSpan SendAll, IReadOnlyList<ReleaseTimes> Times, TimeSpan? AllDone)> SendAndAwaitAsync(
        IReadOnlyList<(string Namespace, string Name)> releasing, IReadOnlyList<string> keys, string image, StoreRecorder recorder, Kubernetes client, CancellationToken cancellationToken)
    {
        Say($"updating {releasing.Count} Deployments (kubectl set image, {Concurrency} at a time)");
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            releasing,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (deployment, ct) =>
            {
                sent[$"{deployment.Namespace}/{deployment.Name}"] = Stopwatch.GetTimestamp();
                await client.AppsV1.PatchNamespacedDeploymentAsync(SetImage(image), deployment.Name, deployment.Namespace, cancellationToken: ct);
            });
        var sendAll = clock.Elapsed;

        var bound = TimeSpan.FromSeconds(60) + TimeSpan.FromSeconds(2.0 * releasing.Count);
        IReadOnlyList<ReleaseTimes> times = [];
        while (true)
        {
            times = [.. keys.Select(k => ReleaseTimes.Of(k, sent[k], recorder.Samples(k), recorder.Canary(k)))];
            if (times.All(t => t.Completed is not null) || clock.Elapsed > bound)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        TimeSpan? allDone = times.All(t => t.Completed is not null)
            ? Stopwatch.GetElapsedTime(sent.Values.Min(), times.Max(t => t.Completed!.Value))
            : null;
        Say(allDone is { } d
            ? $"all {times.Count} ({image}) completed {d.TotalSeconds:F1} s after the first update"
            : $"only {times.Count(t => t.Completed is not null)} of {times.Count} ({image}) completed within {bound.TotalSeconds:F0} s");
        return (sendAll, times, allDone);
    }

    /// <summary>One release alone, timed like the others: the first the controller process ever runs.</summary>
    private async Task<ReleaseTimes?> WarmUpAsync(StoreRecorder recorder, Kubernetes client, CancellationToken cancellationToken)
    {
        if (_workload.WarmUp() is not var (ns, name))
        {
            return null;
        }

        var key = $"{ns}/{name}";
        recorder.Track([key]);
        var sent = Stopwatch.GetTimestamp();
        await client.AppsV1.PatchNamespacedDeploymentAsync(SetImage(Workload.ImageOfWave(1)), name, ns, cancellationToken: cancellationToken);
        ReleaseTimes times = null!;
        await UntilAsync(
            () => (times = ReleaseTimes.Of(key, sent, recorder.Samples(key), recorder.Canary(key))).Completed is not null,
            TimeSpan.FromSeconds(60),
            () => $"the warm-up release of {key} did not complete",
            cancellationToken);
        Say($"warm-up release of {key} completed in {Stopwatch.GetElapsedTime(sent).TotalSeconds:F1} s");
        if (options.Timeline)
        {
            Timeline.Print(scale.Name + ", warm-up", times, recorder.Samples(key), recorder.Canary(key));
        }

        return times;
    }

    /// <summary>The strategic merge patch <c>kubectl set image deployment/NAME app=IMAGE</c> sends.</summary>
    private static V1Patch SetImage(string image) => new(
        new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = Workload.Container, ["image"] = image }),
                    },
                },
            },
        }.ToJsonString(),
        V1Patch.PatchType.StrategicMergePatch);

    /// <summary>
    /// A GET of one Deployment every 100 ms from outside Greylane: how fast the sandbox itself answers at this scale,
    /// so that a slow figure can be told apart from a slow API server.
    /// </summary>
    private static async Task<Distribution> ProbeApiAsync(Kubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        List<double> milliseconds = [];
        using var timer = new PeriodicTimer(SamplePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var started = Stopwatch.GetTimestamp();
                await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
                milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new Distribution(milliseconds);
    }

    private static async Task<long> SamplePeakAsync(GreylaneProcess greylane, CancellationToken cancellationToken)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(SamplePeriod);
        try
        {
            do
            {
                peak = Math.Max(peak, greylane.RssBytes());
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }

        return peak;
    }
}
