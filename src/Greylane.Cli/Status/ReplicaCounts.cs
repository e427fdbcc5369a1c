namespace Greylane.Cli.Status;

/// <summary>Ready pods against wanted pods.</summary>
internal sealed record ReplicaCounts(int Ready, int Desired)
{
    public override string ToString() => $"{Ready}/{Desired}";
}
