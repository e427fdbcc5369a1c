using System.Diagnostics;

namespace Greylane.Testing.Certificates;

/// <summary>
/// tls.crt/tls.key in a temporary directory, either as plain files or laid out the way kubelet mounts a Secret:
/// <c>tls.crt → ..data/tls.crt</c>, <c>..data → ..&lt;timestamp&gt;</c>, swapped by renaming a new <c>..data</c> over the old.
/// </summary>
public sealed class CertificateFiles : IDisposable
{
    private readonly bool _kubeletLayout;
    private int _generation;

    private CertificateFiles(bool kubeletLayout)
    {
        _kubeletLayout = kubeletLayout;
        Directory = System.IO.Directory.CreateTempSubdirectory("greylane-certs-").FullName;
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    public static CertificateFiles Plain(ServingPem pem) => Create(kubeletLayout: false, pem);

    public static CertificateFiles Kubelet(ServingPem pem) => Create(kubeletLayout: true, pem);

    /// <summary>Puts a new pair in place the way the layout's owner would (kubelet: one atomic symlink rename).</summary>
    public void Swap(ServingPem pem)
    {
        if (!_kubeletLayout)
        {
            WriteByRename(KeyPath, pem.KeyPem);
            WriteByRename(CertificatePath, pem.CertificatePem);
            return;
        }

        var version = $"..2026_11_26_04_{++_generation:D2}";
        var versionDirectory = Path.Combine(Directory, version);
        System.IO.Directory.CreateDirectory(versionDirectory);
        File.WriteAllText(Path.Combine(versionDirectory, "tls.crt"), pem.CertificatePem);
        File.WriteAllText(Path.Combine(versionDirectory, "tls.key"), pem.KeyPem);
        var temporary = Path.Combine(Directory, "..data_tmp");
        File.CreateSymbolicLink(temporary, version);
        Rename(temporary, Path.Combine(Directory, "..data"));
    }

    /// <summary>Overwrites the key in place with something that is not a key (a swap caught halfway).</summary>
    public void BreakKey() => File.WriteAllText(_kubeletLayout ? Path.Combine(Directory, "..data", "tls.key") : KeyPath, "not a key\n");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static CertificateFiles Create(bool kubeletLayout, ServingPem pem)
    {
        var files = new CertificateFiles(kubeletLayout);
        files.Swap(pem);
        if (kubeletLayout)
        {
            File.CreateSymbolicLink(files.CertificatePath, Path.Combine("..data", "tls.crt"));
            File.CreateSymbolicLink(files.KeyPath, Path.Combine("..data", "tls.key"));
        }

        return files;
    }

    private static void WriteByRename(string path, string text)
    {
        File.WriteAllText(path + ".new", text);
        File.Move(path + ".new", path, overwrite: true);
    }

    // rename(2) of a symlink over a symlink, as kubelet's atomic writer does (mv -T never follows the target).
    private static void Rename(string from, string to)
    {
        using var mv = Process.Start(new ProcessStartInfo("mv", ["-T", from, to]) { UseShellExecute = false })!;
        mv.WaitForExit();
        if (mv.ExitCode != 0)
        {
            throw new InvalidOperationException($"mv -T {from} {to} exited {mv.ExitCode}");
        }
    }
}
