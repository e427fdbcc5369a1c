using Greylane.Cli.Arguments;
using Greylane.Cli.Support.Tests;

namespace Greylane.Cli.Arguments.Tests;

public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Flags_take_kubectl_forms()
    {
        var parsed = CommandLine.Parse(["status", "web", "-nshop", "--output=json", "-w", "--context", "prod"]);

        Assert.Equal(("status", "web", "shop", "json", "prod", true), (parsed.Verb, parsed.Positionals[0], parsed.Option("namespace"), parsed.Option("output"), parsed.Option("context"), parsed.Switch("watch")));
    }

    [Fact]
    public void Repeated_filename_flags_are_all_kept()
    {
        var parsed = CommandLine.Parse(["plan", "-f", "a.yaml", "--filename=b.yaml", "-f", "c.yaml"]);

        Assert.Equal(["a.yaml", "b.yaml", "c.yaml"], parsed.All("filename"));
    }

    [Fact]
    public async Task An_unknown_flag_is_refused_and_exits_1()
    {
        var run = await CliRunner.RunAsync(NoEnvironment, "status", "--colour");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: unknown flag --colour; see kubectl greylane --help for the flags\n", run.Stderr);
    }

    [Fact]
    public async Task A_flag_without_its_value_says_what_to_write()
    {
        var run = await CliRunner.RunAsync(NoEnvironment, "status", "-n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: flag -n needs a value, e.g. -n e2e\n", run.Stderr);
    }

    [Fact]
    public async Task An_unknown_command_lists_the_commands()
    {
        var run = await CliRunner.RunAsync(NoEnvironment, "deploy");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown command `deploy`; the commands are status, promote, abort, pause, resume, retry, plan", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0_and_no_command_exits_1()
    {
        var help = await CliRunner.RunAsync(NoEnvironment, "--help");
        var none = await CliRunner.RunAsync(NoEnvironment);

        Assert.Equal((0, 1), (help.ExitCode, none.ExitCode));
        Assert.Contains("status [DEPLOYMENT] [-n NS] [--watch] [-o json]", help.Stdout, StringComparison.Ordinal);
    }
}
