using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Greylane.Benchmarks;
using Greylane.Core;
using Greylane.Core.Admission;
using Greylane.Core.Release;
using Greylane.Core.Strategy;
using Greylane.Testing.Certificates;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Hosting;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

// `make bench`: the admission handler alone, then the HTTPS endpoint next to a minimal echo endpoint, on the ~12 KB
// release review of the tests. Loopback only; every run is bounded in time and count (about a minute in all).
const int Connections = 4;
const int Rounds = 4;
var measure = TimeSpan.FromSeconds(3);
var warmup = TimeSpan.FromSeconds(2);
var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "release.json"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Greylane webhook benchmark: release review of {body.Length} bytes, {Environment.ProcessorCount} cores, {Connections} connections"));
Console.WriteLine(LoadAverage.Line("start"));

var handler = new AdmissionHandler(NullLogger<AdmissionHandler>.Instance);
var sequence = new ReadOnlySequence<byte>(body);
using var review = JsonDocument.Parse(sequence);
var request = review.RootElement.GetProperty("request");
var template = request.GetProperty("object").GetProperty("spec").GetProperty("template");
var strategy = request.GetProperty("object").GetProperty("metadata").GetProperty("annotations").GetProperty(GreylaneKeys.Strategy).GetString();
var reads = 0;
var input = new AdmissionInput(AdmissionOperation.Update, request.GetProperty("oldObject"), request.GetProperty("object"));
(string Name, Action Action)[] pieces =
[
    ("handler (parse, decide, answer)", () => handler.Handle(sequence)),
    ("  JsonDocument.Parse of the body", () => JsonDocument.Parse(sequence).Dispose()),
    ("  decision on parsed objects", () => AdmissionDecider.Decide(input)),
    ("  template hash (one template)", () => TemplateHash.Compute(template)),
    // Reads are remembered by their text: a new comment each time makes every read a first one.
    ("  strategy read, a new text (YAML)", () => StrategyReader.Read($"{strategy}\n# {++reads}")),
    ("typed V1Deployment x2 (KubernetesJson)", () =>
    {
        _ = KubernetesJson.Deserialize<V1Deployment>(request.GetProperty("object").GetRawText());
        _ = KubernetesJson.Deserialize<V1Deployment>(request.GetProperty("oldObject").GetRawText());
    }),
];

// Every piece runs once unmeasured first, so that tiered JIT has promoted the shared code before any figure is taken.
foreach (var (_, action) in pieces)
{
    Loop("warm-up", action, TimeSpan.FromSeconds(1));
}

Console.WriteLine();
Console.WriteLine("In process, one thread:");
foreach (var (name, action) in pieces)
{
    Console.WriteLine(Loop(name, action, TimeSpan.FromSeconds(2)));
}

if (args.Contains("--in-process-only"))
{
    Console.WriteLine(LoadAverage.Line("end"));
    return;
}

var pem = TestPki.Issue("localhost");
using var files = CertificateFiles.Plain(pem);
using var certificate = X509Certificate2.CreateFromPem(pem.CertificatePem, pem.KeyPem);
var webhook = WebhookHost.Build(
[
    "--urls", "https://127.0.0.1:0",
    "--tls-cert", files.CertificatePath,
    "--tls-key", files.KeyPath,
    "--Logging:LogLevel:Default", "Warning",
]);
await webhook.StartAsync();
var webhookAddress = new Uri(webhook.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
var (echo, echoAddress) = await EchoServer.StartAsync(certificate);
using var webhookClient = LoadRun.Client(webhookAddress, Connections);
using var echoClient = LoadRun.Client(echoAddress, Connections);

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTPS on loopback (TLS, HTTP/1.1, keep-alive), {warmup.TotalSeconds:F0} s warm-up then {Rounds} x {measure.TotalSeconds:F0} s per endpoint, alternating:"));
await LoadRun.RunAsync("warm-up", echoClient, body, Connections, warmup, 100_000);
await LoadRun.RunAsync("warm-up", webhookClient, body, Connections, warmup, 100_000);
var echoTotal = new Latencies("minimal echo endpoint") { Elapsed = TimeSpan.Zero };
var webhookTotal = new Latencies("greylane /mutate/deployments") { Elapsed = TimeSpan.Zero };
for (var round = 0; round < Rounds; round++)
{
    var e = await LoadRun.RunAsync("echo", echoClient, body, Connections, measure, 500_000);
    var w = await LoadRun.RunAsync("webhook", webhookClient, body, Connections, measure, 500_000);
    echoTotal.AddRange(e);
    echoTotal.Elapsed += e.Elapsed;
    webhookTotal.AddRange(w);
    webhookTotal.Elapsed += w.Elapsed;
}

Console.WriteLine(echoTotal);
Console.WriteLine(webhookTotal);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio webhook/echo: time per request {echoTotal.PerSecond / webhookTotal.PerSecond:F2}x, p99 {webhookTotal.Percentile(99) / echoTotal.Percentile(99):F2}x (aim: <= 1.2x)"));
Console.WriteLine(LoadAverage.Line("end"));
await webhook.StopAsync();
await echo.StopAsync();

static Latencies Loop(string name, Action action, TimeSpan duration)
{
    var result = new Latencies(name);
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromSeconds(0.2))
    {
        action();
    }

    var total = Stopwatch.StartNew();
    while (total.Elapsed < duration && result.Count < 2_000_000)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        result.Add(Stopwatch.GetElapsedTime(started));
    }

    result.Elapsed = total.Elapsed;
    return result;
}
