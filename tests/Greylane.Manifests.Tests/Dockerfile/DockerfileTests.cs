using System.Text.RegularExpressions;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Dockerfile.Tests;

// No Docker engine runs here or in CI, so the image is never built; these checks keep the Dockerfile in step with the repository.
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryRoot.Combine("Dockerfile"));

    [Fact]
    public void Dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_runtime() =>
        Assert.Equal(
            ["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"],
            Instruction("FROM"));

    [Fact]
    public void Dockerfile_copies_only_files_that_exist_and_that_dockerignore_keeps()
    {
        var ignored = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('/'))
            .ToList();
        var sources = Instruction("COPY")
            .Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            var path = RepositoryRoot.Combine(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file in the repository");
            Assert.DoesNotContain(ignored, i => source.TrimEnd('/').StartsWith(i, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Dockerfile_publishes_the_webhook_and_runs_its_assembly()
    {
        Assert.Contains(Instruction("RUN"), r => r.StartsWith("dotnet publish src/Greylane.Webhook/Greylane.Webhook.csproj", StringComparison.Ordinal));
        Assert.Equal(["[\"dotnet\", \"/app/Greylane.Webhook.dll\"]"], Instruction("ENTRYPOINT"));
    }

    [Fact]
    public void Dockerfile_runs_as_a_numeric_non_root_user()
    {
        var user = Instruction("USER").Last();

        Assert.Matches(NumericUser(), user);
        Assert.NotEqual("0", user.Split(':')[0]);
    }

    /// <summary>The arguments of every instruction named <paramref name="name"/>, continuation lines joined.</summary>
    private static List<string> Instruction(string name)
    {
        var joined = string.Join('\n', Lines.Where(l => !l.TrimStart().StartsWith('#'))).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => Spaces().Replace(l[(name.Length + 1)..], " ").Trim())];
    }

    [GeneratedRegex("^[0-9]+(:[0-9]+)?$")]
    private static partial Regex NumericUser();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
