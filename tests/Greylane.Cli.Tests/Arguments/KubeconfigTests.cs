using Greylane.Cli.Support.Tests;
using Greylane.Core.Serialization;
using System.Text.Json.Nodes;

namespace Greylane.Cli.Arguments.Tests;

/// <summary>The kubeconfig is found and used the way kubectl does it.</summary>
public sealed class KubeconfigTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await CliSandbox.StartAsync();
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_namespace_defaults_to_the_one_of_the_kubeconfig_context()
    {
        var path = WithContextNamespace(CliSandbox.Namespace);

        var run = await CliRunner.RunAsync(new Dictionary<string, string>(), "status", "--kubeconfig", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("checkout", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_flag_wins_over_the_KUBECONFIG_variable()
    {
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(_sandbox.Directory, "missing") };

        var run = await CliRunner.RunAsync(environment, "status", "checkout", "-n", CliSandbox.Namespace, "--kubeconfig", _sandbox.KubeconfigPath);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Without_flag_or_variable_the_home_kubeconfig_is_used()
    {
        Directory.CreateDirectory(Path.Combine(_sandbox.Directory, "home", ".kube"));
        File.Copy(_sandbox.KubeconfigPath, Path.Combine(_sandbox.Directory, "home", ".kube", "config"));
        var environment = new Dictionary<string, string> { ["HOME"] = Path.Combine(_sandbox.Directory, "home") };

        var run = await CliRunner.RunAsync(environment, "status", "checkout", "-n", CliSandbox.Namespace);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Files_of_KUBECONFIG_are_merged_and_context_picks_one()
    {
        var other = WithContextNamespace(CliSandbox.Namespace, contextName: "shop-context", current: "nowhere");
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = $"{Path.Combine(_sandbox.Directory, "absent")}:{other}:{_sandbox.KubeconfigPath}" };

        var run = await CliRunner.RunAsync(environment, "status", "--context", "shop-context");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("checkout", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_context_is_a_clear_error()
    {
        var run = await _sandbox.RunAsync("status", "--context", "prod");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot use context `prod` from kubeconfig", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("kubectl config get-contexts", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_kubeconfig_at_all_says_how_to_give_one()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string> { ["HOME"] = _sandbox.Directory }, "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(".kube/config does not exist and KUBECONFIG is not set; pass --kubeconfig PATH or set KUBECONFIG", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_kubeconfig_file_is_named()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string>(), "status", "--kubeconfig", "/nowhere/config");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: kubeconfig /nowhere/config (from --kubeconfig) does not exist; pass the path of an existing file\n", run.Stderr);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_an_error_without_a_stack_trace()
    {
        var config = YamlJson.Parse(File.ReadAllText(_sandbox.KubeconfigPath))!.AsObject();
        config["clusters"]![0]!["cluster"]!["server"] = "http://127.0.0.1:1";
        var path = Path.Combine(_sandbox.Directory, "unreachable");
        File.WriteAllText(path, YamlJson.Write(config));

        var run = await CliRunner.RunAsync(new Dictionary<string, string>(), "status", "--kubeconfig", path);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: cannot reach the API server", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private string WithContextNamespace(string ns, string contextName = "greylane-sandbox", string? current = null)
    {
        var config = YamlJson.Parse(File.ReadAllText(_sandbox.KubeconfigPath))!.AsObject();
        config["contexts"]![0]!["name"] = contextName;
        config["contexts"]![0]!["context"]!["namespace"] = ns;
        config["current-context"] = current ?? contextName;
        if (current is not null)
        {
            config["contexts"]!.AsArray().Add(new JsonObject { ["name"] = current, ["context"] = new JsonObject { ["cluster"] = "none", ["user"] = "none" } });
        }

        var path = Path.Combine(_sandbox.Directory, $"kubeconfig-{contextName}");
        File.WriteAllText(path, YamlJson.Write(config));
        return path;
    }
}
