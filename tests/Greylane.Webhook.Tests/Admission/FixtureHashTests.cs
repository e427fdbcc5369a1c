using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Admission.Tests;

/// <summary>The fixtures' hashes are computed by the code under test; these pin them to what docs/notes/webhook.md shows.</summary>
public sealed class FixtureHashTests
{
    [Fact]
    public void Release_fixture_templates_keep_the_hashes_the_notes_show()
    {
        Assert.Equal("f8580c65fc", Fixture.Hash("v1"));
        Assert.Equal("8adae81efc", Fixture.Hash("v2"));
    }
}
