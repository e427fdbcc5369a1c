using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class TrafficFixtureTests
{
    public static TheoryData<string> Cases => [.. FixtureCase.Names("")];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fixture_turns_its_input_into_its_expected_yaml(string name)
    {
        var fixture = new FixtureCase(name);
        var run = FixtureRun.Of(fixture);
        if (fixture.String("expectedError") is { } error)
        {
            Assert.Contains(error, string.Join("\n", run.Errors), StringComparison.Ordinal);
            return;
        }

        Assert.Empty(run.Errors);
        JsonAssert.Equal(fixture.Expected, new JsonArray([.. run.Objects]), $"fixture {name}");
        var expectedNotes = fixture.Strings("expectedNotes");
        Assert.Equal(expectedNotes.Count, run.Notes.Count);
        foreach (var note in expectedNotes)
        {
            Assert.Contains(run.Notes, n => n.Contains(note, StringComparison.Ordinal));
        }

        if (fixture.Case["untouched"] is JsonValue untouched)
        {
            Assert.Equal(untouched.GetValue<bool>(), run.Untouched);
        }
    }

    [Fact]
    public void Every_fixture_folder_has_a_case_and_an_expectation()
    {
        foreach (var name in FixtureCase.Names(""))
        {
            var folder = Path.Combine(FixtureCase.Root, name);
            Assert.True(File.Exists(Path.Combine(folder, "case.yaml")), $"{name} has no case.yaml");
            Assert.True(
                File.Exists(Path.Combine(folder, "expected.yaml")) || new FixtureCase(name).String("expectedError") is not null,
                $"{name} has neither expected.yaml nor expectedError");
        }
    }
}
