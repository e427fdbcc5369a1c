namespace Greylane.Cli.Dashboard;

/// <summary>The page's files, embedded in the plugin (<c>Dashboard/Assets</c>): nothing comes from elsewhere, so it works offline.</summary>
internal static class EmbeddedAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The bytes and content type of <paramref name="name"/> (e.g. <c>app.js</c>), or null when there is no such file.</summary>
    public static (byte[] Bytes, string ContentType)? Read(string name)
    {
        var extension = Path.GetExtension(name);
        if (!Types.TryGetValue(extension, out var type) || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream("dashboard/" + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (copy.ToArray(), type);
    }
}
