namespace Greylane.Testing.Repository;

/// <summary>
/// Finds Greylane.Webhook.dll (the real Greylane process: webhook and controller) as built with the caller: next to
/// it, else in the webhook project's Release output.
/// </summary>
public static class WebhookBinary
{
    public static string Find()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "Greylane.Webhook.dll");
        if (File.Exists(here) && File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json")))
        {
            return here;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var built = Path.Combine(directory.FullName, "src", "Greylane.Webhook", "bin", "Release", "net10.0", "Greylane.Webhook.dll");
            if (File.Exists(Path.Combine(directory.FullName, "Webhook.sln")) && File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException(
            $"Greylane.Webhook.dll was not found next to {AppContext.BaseDirectory} nor in src/Greylane.Webhook/bin/Release/net10.0; build with `dotnet build Webhook.sln -c Release`");
    }
}
