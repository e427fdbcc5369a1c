using System.Text.Json;
using Greylane.Core.Release;

namespace Greylane.Core.Release.Tests;

public sealed class TemplateHashTests
{
    private const string Template = """
        {"metadata":{"creationTimestamp":null,"labels":{"app":"mocka","version":"base"}},
         "spec":{"containers":[{"name":"mocka","image":"mocka:1.4.0","env":[{"name":"A","value":"1"}]},{"name":"side","image":"side:1"}],
                 "nodeSelector":{"pod-template-hash":"kept-here"}}}
        """;

    [Fact]
    public void Hash_is_ten_lowercase_hex_digits()
    {
        Assert.Matches("^[0-9a-f]{10}$", Hash(Template));
    }

    [Fact]
    public void Same_template_with_keys_in_another_order_has_the_same_hash()
    {
        const string reordered = """
            {"spec":{"nodeSelector":{"pod-template-hash":"kept-here"},
                     "containers":[{"env":[{"value":"1","name":"A"}],"image":"mocka:1.4.0","name":"mocka"},{"image":"side:1","name":"side"}]},
             "metadata":{"labels":{"version":"base","app":"mocka"}}}
            """;

        Assert.Equal(Hash(Template), Hash(reordered));
    }

    [Fact]
    public void Pod_template_hash_label_and_null_fields_are_ignored()
    {
        var copied = Template
            .Replace("\"app\":\"mocka\"", "\"app\":\"mocka\",\"pod-template-hash\":\"7d9c8b6f5d\"", StringComparison.Ordinal)
            .Replace("\"creationTimestamp\":null", "\"creationTimestamp\":\"2026-11-25T17:03:10Z\",\"annotations\":null", StringComparison.Ordinal);

        Assert.Equal(Hash(Template), Hash(copied));
    }

    [Fact]
    public void Pod_template_hash_outside_the_template_labels_still_counts()
    {
        var changed = Template.Replace("kept-here", "changed", StringComparison.Ordinal);

        Assert.NotEqual(Hash(Template), Hash(changed));
    }

    [Fact]
    public void Image_change_changes_the_hash()
    {
        Assert.NotEqual(Hash(Template), Hash(Template.Replace("mocka:1.4.0", "mocka:1.5.0", StringComparison.Ordinal)));
    }

    [Fact]
    public void Container_order_counts()
    {
        const string swapped = """
            {"metadata":{"labels":{"app":"mocka","version":"base"}},
             "spec":{"containers":[{"name":"side","image":"side:1"},{"name":"mocka","image":"mocka:1.4.0","env":[{"name":"A","value":"1"}]}],
                     "nodeSelector":{"pod-template-hash":"kept-here"}}}
            """;

        Assert.NotEqual(Hash(Template), Hash(swapped));
    }

    private static string Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TemplateHash.Compute(document.RootElement);
    }
}
