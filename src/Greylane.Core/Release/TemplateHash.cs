using System.Security.Cryptography;
using System.Text.Json;

namespace Greylane.Core.Release;

/// <summary>A short hash of a pod template that names a release: equal for equal templates whatever their key order.</summary>
public static class TemplateHash
{
    /// <summary>Hex characters in a hash (40 bits: collisions between one Deployment's templates are out of reach).</summary>
    public const int Length = 10;

    /// <summary>
    /// The first <see cref="Length"/> hex digits of SHA-256 over the template's canonical JSON: object keys in
    /// ordinal order, nulls dropped, and the fields Kubernetes itself writes into a template left out.
    /// Server-side defaults need no special care: old and new template come from the same API server, both defaulted.
    /// </summary>
    public static string Compute(JsonElement template)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        CanonicalJson.Sha256(template, digest);
        return Convert.ToHexStringLower(digest[..(Length / 2)]);
    }
}
