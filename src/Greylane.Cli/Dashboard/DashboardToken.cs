using System.Security.Cryptography;
using System.Text;

namespace Greylane.Cli.Dashboard;

/// <summary>The random secret of one dashboard run: in the printed URL once, then in an HttpOnly cookie.</summary>
internal sealed class DashboardToken
{
    private readonly byte[] _bytes;

    public DashboardToken()
    {
        Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _bytes = Encoding.ASCII.GetBytes(Value);
    }

    /// <summary>URL-safe text of 256 random bits.</summary>
    public string Value { get; }

    /// <summary>Compared in constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.ASCII.GetBytes(candidate));
}
