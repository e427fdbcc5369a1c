using Greylane.Demo.Playground;

namespace Greylane.Demo.Playground.Tests;

public sealed class PlaygroundLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greylane-playground-lock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_second_playground_of_the_same_directory_is_refused_with_the_first_one_s_pid_and_env_file()
    {
        using var first = PlaygroundLock.TryTake(_directory, out _);
        Assert.NotNull(first);

        var second = PlaygroundLock.TryTake(_directory, out var refusal);

        Assert.Null(second);
        Assert.Equal(
            $"a playground is already running from {_directory} (pid {Environment.ProcessId}). Use it: source {Path.Combine(_directory, "env")}; "
            + $"or stop it first: Ctrl-C in its terminal, or kill {Environment.ProcessId}",
            refusal);
    }

    [Fact]
    public void The_lock_is_free_again_once_the_first_playground_stopped()
    {
        PlaygroundLock.TryTake(_directory, out _)!.Dispose();

        using var again = PlaygroundLock.TryTake(_directory, out var refusal);

        Assert.NotNull(again);
        Assert.Null(refusal);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(Path.Combine(_directory, "playground.pid")));
    }
}
