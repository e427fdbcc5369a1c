namespace Greylane.Core.Serialization;

/// <summary>The bounds <see cref="YamlJson"/> reads within: how deep documents may nest and whether aliases are expanded.</summary>
/// <param name="MaxDepth">Mappings and sequences inside one another, the document's root counting as one.</param>
/// <param name="AllowAliases">False refuses every <c>*alias</c>; true expands them within Kubernetes' alias budget.</param>
public sealed record YamlReadOptions(int MaxDepth, bool AllowAliases)
{
    /// <summary>Manifests: deeper than any Kubernetes object (CRD schemas included), aliases expanded within the budget.</summary>
    public static YamlReadOptions Manifests { get; } = new(512, AllowAliases: true);
}
