using Greylane.Testing.Hosts;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using k8s.Models;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>
/// The controller tests' sandbox (Greylane's webhook registered as manifests/base does, controllers on demand) with the
/// real helm shipping manifests/samples/chart as release <c>web</c> into its namespace.
/// </summary>
internal sealed class HelmBed : IAsyncDisposable
{
    public const string Release = "web";

    // One canary pod, then wait for a person: every test decides when the release moves on.
    private const string TestValues = """
        greylane:
          strategy: |
            steps:
              - replicas: 1
                pause: manual
        """;

    private readonly DirectoryInfo _scratch;
    private readonly string _values;

    private HelmBed(ControllerBed bed, DirectoryInfo scratch, HelmVersion version)
    {
        Bed = bed;
        _scratch = scratch;
        _values = Path.Combine(scratch.FullName, "values.yaml");
        File.WriteAllText(_values, TestValues);
        Version = version;
        Helm = new HelmCommand(scratch.FullName, bed.KubeconfigPath, version);
    }

    public ControllerBed Bed { get; }

    public HelmCommand Helm { get; }

    /// <summary>helm 3 (three-way merge) or helm 4 (server-side apply under field manager <c>helm</c>).</summary>
    public HelmVersion Version { get; }

    public static string Chart => RepositoryRoot.Combine("manifests", "samples", "chart");

    /// <summary>The sandbox with the webhook registered, and the controller running when <paramref name="controller"/>.</summary>
    public static async Task<HelmBed> StartAsync(bool controller, HelmVersion version = HelmVersion.Helm3)
    {
        var bed = await ControllerBed.StartAsync();
        if (controller)
        {
            await bed.StartControllerAsync();
        }

        return new HelmBed(bed, Directory.CreateTempSubdirectory("greylane-helm-release-"), version);
    }

    /// <summary>helm install of the sample chart, waiting until its Deployment is ready.</summary>
    public async Task InstallAsync(params string[] options)
    {
        await Helm.OkAsync(["install", Release, Chart, "--namespace", ControllerBed.Namespace, "-f", _values, "--wait", "--timeout", "60s", .. options]);
        await Eventually.UntilAsync(GetAsync, d => d.Status?.AvailableReplicas == 2, "web available after install");
    }

    /// <summary>helm upgrade with the test values and <paramref name="options"/>; standard error (where helm prints the API's warnings).</summary>
    public async Task<string> UpgradeAsync(params string[] options)
    {
        var (code, stdout, stderr) = await Helm.RunAsync(
            ["upgrade", Release, Chart, "--namespace", ControllerBed.Namespace, "-f", _values, "--wait", "--timeout", "60s", .. options]);
        Assert.True(code == 0, $"helm upgrade {string.Join(' ', options)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return stderr;
    }

    /// <summary>Writes more values (given after the test values, so they win) and returns the <c>-f</c> options naming them.</summary>
    public string[] Values(string name, string yaml)
    {
        var path = Path.Combine(_scratch.FullName, name + ".yaml");
        File.WriteAllText(path, yaml);
        return ["-f", path];
    }

    public Task<string> RollbackAsync(int revision) =>
        Helm.OkAsync("rollback", Release, revision.ToString(System.Globalization.CultureInfo.InvariantCulture), "--namespace", ControllerBed.Namespace, "--wait", "--timeout", "60s");

    /// <summary>What helm says it deployed: <c>helm get manifest</c>.</summary>
    public Task<string> ManifestAsync() => Helm.OkAsync("get", "manifest", Release, "--namespace", ControllerBed.Namespace);

    /// <summary>What the chart renders for these options: what <c>helm get manifest</c> must keep saying.</summary>
    public Task<string> TemplateAsync(params string[] options) =>
        Helm.OkAsync(["template", Release, Chart, "--namespace", ControllerBed.Namespace, "-f", _values, .. options]);

    public async Task<string> StatusAsync() =>
        System.Text.Json.Nodes.JsonNode.Parse(await Helm.OkAsync("status", Release, "--namespace", ControllerBed.Namespace, "-o", "json"))!["info"]!["status"]!.GetValue<string>();

    public Task<V1Deployment> GetAsync() => Bed.GetAsync(Release);

    public static string Image(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "app").Image;

    public async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        try
        {
            _scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
