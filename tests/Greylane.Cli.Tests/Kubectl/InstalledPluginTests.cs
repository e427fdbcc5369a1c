using Greylane.Cli.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Kubectl.Tests;

/// <summary>The plugin as a new user installs it from the README, run by the real kubectl.</summary>
public sealed class InstalledPluginTests(InstalledPlugin plugin) : IClassFixture<InstalledPlugin>, IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public void The_readme_gives_the_install_command_the_tests_run()
    {
        Assert.Contains(InstalledPlugin.ReadmeCommand, File.ReadAllText(RepositoryRoot.Combine("README.md")), StringComparison.Ordinal);
    }

    [KubectlFact]
    public void The_install_puts_one_executable_file_in_place()
    {
        var file = Assert.Single(Directory.GetFiles(plugin.BinDirectory));

        Assert.Equal("kubectl-greylane", Path.GetFileName(file));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute), plugin.Log);
    }

    [KubectlFact]
    public async Task Kubectl_plugin_list_shows_the_plugin_and_no_warning()
    {
        var (code, stdout, stderr) = await plugin.KubectlAsync(_sandbox.KubeconfigPath, "plugin", "list");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}\n{plugin.Log}");
        Assert.Contains(Path.Combine(plugin.BinDirectory, "kubectl-greylane"), stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }

    [KubectlFact]
    public async Task Kubectl_greylane_status_runs_the_installed_plugin_against_the_cluster()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing);

        var (code, stdout, stderr) = await plugin.KubectlAsync(_sandbox.KubeconfigPath, "greylane", "status", "checkout", "-n", CliSandbox.Namespace);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("Phase:      StepAnalyzing", stdout, StringComparison.Ordinal);
    }
}
