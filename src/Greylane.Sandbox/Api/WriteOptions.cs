namespace Greylane.Sandbox.Api;

/// <summary>
/// How a write is made: dry run, and who makes it (the <c>fieldManager</c> parameter, else the program name from the
/// User-Agent, as kube-apiserver names update managers). <see cref="Applied"/> marks an object server-side apply has
/// already merged and recorded, which the write path must not record again. <see cref="FieldManager"/> is the
/// parameter as sent (admission reviews carry it in their options); <see cref="UserName"/> is the authenticated user
/// (<see cref="SandboxUsers"/>), which admission reviews carry in their userInfo.
/// </summary>
internal sealed record WriteOptions(bool DryRun, string Manager, bool Applied = false, string? FieldManager = null, string UserName = SandboxUsers.Admin)
{
    /// <summary>The options of a request: its dryRun and fieldManager parameters, its User-Agent and its user.</summary>
    public static WriteOptions For(QueryOptions query, string? userAgent, string userName) =>
        new(query.DryRun, ManagerFrom(query.FieldManager, userAgent), FieldManager: query.FieldManager, UserName: userName);

    /// <summary>The manager kube-apiserver takes from a User-Agent: the text before the first '/', printable, at most 128 bytes.</summary>
    public static string ManagerFrom(string? fieldManager, string? userAgent)
    {
        if (!string.IsNullOrEmpty(fieldManager))
            return fieldManager;
        var program = (userAgent ?? "").Split('/')[0];
        var text = new System.Text.StringBuilder();
        foreach (var rune in program.EnumerateRunes())
        {
            if (System.Text.Rune.IsControl(rune) || System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format)
                continue;
            if (System.Text.Encoding.UTF8.GetByteCount(text.ToString()) + rune.Utf8SequenceLength > 128)
                break;
            text.Append(rune.ToString());
        }

        return text.ToString();
    }
}
