using System.Text.Json.Nodes;
using Greylane.Demo.Mesh;
using Greylane.Demo.Metrics;
using Greylane.Demo.Narration;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;
using Greylane.Testing.Output;
using Greylane.Testing.Waiting;
using Xunit.Abstractions;

namespace Greylane.Demo.Support.Tests;

/// <summary>
/// The seed environment (sandbox, Greylane with its controller, sample services, mesh, real Prometheus, traffic) with
/// a test's own strategy on mockb-base, and the means to release mockb and wait, bounded, for what Greylane does.
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    private readonly SharedWriter _writer;
    private readonly ITestOutputHelper _output;

    private Scenario(DemoEnvironment environment, SharedWriter writer, ITestOutputHelper output)
    {
        Environment = environment;
        _writer = writer;
        _output = output;
        OriginalVirtualService = Spec(MeshRouter.VirtualServices, "vs-mockb");
        OriginalDestinationRule = Spec(MeshRouter.DestinationRules, "dr-mockb");
    }

    public DemoEnvironment Environment { get; }

    public JsonNode OriginalVirtualService { get; }

    public JsonNode OriginalDestinationRule { get; }

    public ReleaseView Now => ReleaseView.Read(Environment.Sandbox.Store, DemoNames.MockB);

    public static async Task<Scenario> StartAsync(string mockbStrategy, ITestOutputHelper output)
    {
        if (PrometheusProcess.Find() is null)
        {
            throw new InvalidOperationException($"prometheus is not installed, and these tests need the real one: {PrometheusProcess.InstallHint}");
        }

        var writer = new SharedWriter();
        var settings = new DemoSettings
        {
            Strategy = (name, analysis) => name == DemoNames.MockB ? mockbStrategy : DemoStrategies.For(name, analysis),
        };
        try
        {
            var environment = await DemoEnvironment.StartAsync(settings, new DemoOutput(writer), CancellationToken.None);
            return new Scenario(environment, writer, output);
        }
        catch
        {
            output.WriteLine(writer.ToString());
            throw;
        }
    }

    /// <summary>A new image for mockb (and an error rate for its pods), as one template change.</summary>
    public Task ReleaseMockbAsync(string image, double errorRate = 0) =>
        Environment.Kubectl.SetImageAndEnvAsync(
            DemoNames.Namespace, DemoNames.MockB, DemoNames.Container, image, "ERROR_RATE", errorRate.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

    /// <summary>Waits until mockb's release satisfies <paramref name="condition"/>; fails the test with the release as it stands otherwise.</summary>
    public Task<ReleaseView> WaitAsync(Func<ReleaseView, bool> condition, TimeSpan timeout, string what, Action<ReleaseView>? every = null) =>
        Eventually.UntilAsync(
            () =>
            {
                var view = Now;
                every?.Invoke(view);
                return view;
            },
            condition,
            $"mockb-base to {what}",
            timeout,
            view => $"{view}; metrics: {string.Join("; ", view.Status.Metrics.Select(m => $"{m.Name} passed {m.Passed} failed {m.Failed} inconclusive {m.Inconclusive} last {m.LastValue} {m.LastMessage}"))}",
            TimeSpan.FromMilliseconds(100));

    public JsonNode Spec(Sandbox.Storage.ResourceType type, string name) =>
        Environment.Sandbox.Store.Get(type, DemoNames.Namespace, name)?["spec"]?.DeepClone() ?? throw new InvalidOperationException($"{type.Kind} {name} is missing");

    public JsonNode? Annotation(Sandbox.Storage.ResourceType type, string name, string key) =>
        Environment.Sandbox.Store.Get(type, DemoNames.Namespace, name)?["metadata"]?["annotations"]?[key];

    public async ValueTask DisposeAsync()
    {
        await Environment.DisposeAsync();
        _output.WriteLine(_writer.ToString());
    }
}
