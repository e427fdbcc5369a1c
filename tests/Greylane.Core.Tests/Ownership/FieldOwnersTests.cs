using System.Text.Json.Nodes;
using Greylane.Core.Ownership;

namespace Greylane.Core.Ownership.Tests;

public sealed class FieldOwnersTests
{
    private static JsonObject WithManagers(params string[] managers) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "vs",
            ["resourceVersion"] = "9",
            ["managedFields"] = new JsonArray([.. managers.Select(m => (JsonNode)new JsonObject { ["manager"] = m, ["operation"] = "Update", ["fieldsType"] = "FieldsV1" })]),
        },
    };

    [Fact]
    public void The_release_patch_keeps_every_other_manager_and_names_the_resourceVersion()
    {
        var patch = FieldOwners.ReleasePatch(WithManagers("helm", FieldOwners.Greylane, "ci"));

        Assert.Equal("9", patch!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(["helm", "ci"], patch["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()));
        Assert.Single(patch.AsObject());
    }

    [Fact]
    public void An_object_Greylane_owns_nothing_of_needs_no_release()
    {
        Assert.Null(FieldOwners.ReleasePatch(WithManagers("helm")));
        Assert.False(FieldOwners.Owns(new JsonObject { ["metadata"] = new JsonObject() }));
    }

    [Fact]
    public void When_Greylane_was_the_only_manager_the_release_clears_managedFields()
    {
        var patch = FieldOwners.ReleasePatch(WithManagers(FieldOwners.Greylane));

        Assert.Empty(patch!["metadata"]!["managedFields"]!.AsArray());
    }
}
