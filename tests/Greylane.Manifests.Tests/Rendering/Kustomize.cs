using Greylane.Testing.Processes;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Rendering.Tests;

/// <summary>Builds a kustomization with the real kubectl (CI installs it; /usr/bin/kubectl here).</summary>
internal static class Kustomize
{
    private const string Hint = "install kubectl (https://kubernetes.io/docs/tasks/tools/) so that `kubectl kustomize` can build manifests/; CI has it";

    public static string Kubectl { get; } = File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl" : "kubectl";

    /// <summary>The rendered YAML stream of the kustomization in <paramref name="directory"/>.</summary>
    public static string Build(string directory) =>
        ProcessRunner.Run(Kubectl, Hint, directory, "kustomize", directory);

    /// <summary>
    /// The self-signed overlay as a user builds it: a copy of manifests/ whose certs/ folder is filled by
    /// certs/make-certs.sh. Returns the rendered stream and the caBundle the script printed.
    /// </summary>
    public static (string Yaml, string CaBundle) BuildSelfSigned()
    {
        var scratch = Directory.CreateTempSubdirectory("greylane-manifests-");
        try
        {
            CopyDirectory(RepositoryRoot.Combine("manifests"), Path.Combine(scratch.FullName, "manifests"));
            var overlay = Path.Combine(scratch.FullName, "manifests", "overlays", "self-signed");
            var certs = Path.Combine(overlay, "certs");
            Directory.CreateDirectory(certs);
            ProcessRunner.Run("bash", "install bash and openssl", scratch.FullName, RepositoryRoot.Combine("certs", "make-certs.sh"), certs);
            return (Build(overlay), File.ReadAllText(Path.Combine(certs, "cabundle.b64")).Trim());
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        // A user's own certs/ in the checkout must not leak into the test's build.
        foreach (var dir in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) != "certs"))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
