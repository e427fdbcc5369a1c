namespace Greylane.Chaos.Tests.Support;

/// <summary>Finds Greylane.Webhook.dll as built with these tests: next to them, else in the webhook project's Release output.</summary>
internal static class WebhookBinary
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
            "Greylane.Webhook.dll was not found next to the tests nor in src/Greylane.Webhook/bin/Release/net10.0; build with `dotnet build tests/Greylane.Chaos.Tests -c Release`");
    }
}
