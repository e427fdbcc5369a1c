namespace Greylane.Sandbox.Storage;

/// <summary>A served resource: its API group/version, plural (the URL segment), kind and scope.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources)
{
    /// <summary><c>v1</c> or <c>group/version</c>, as in an object's <c>apiVersion</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The singular lower-case name discovery reports.</summary>
    public string Singular => Kind.ToLowerInvariant();
}
