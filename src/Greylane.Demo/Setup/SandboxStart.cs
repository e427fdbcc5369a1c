using System.Net;
using System.Net.Sockets;
using Greylane.Sandbox;

namespace Greylane.Demo.Setup;

/// <summary>
/// Starts the sandbox API server on the wanted port, or, when another program holds it, on the next free one of the
/// following twenty, saying which (a taken 6443 is common: a kind or minikube cluster, another playground).
/// </summary>
internal static class SandboxStart
{
    private const int Tries = 20;

    public static async Task<(SandboxServer Server, string? Note)> StartAsync(int port, ILoggerFactory? logs, CancellationToken cancellationToken)
    {
        if (port == 0)
        {
            return (await SandboxServer.StartAsync(new SandboxOptions(), logs, cancellationToken), null);
        }

        for (var candidate = port; candidate < port + Tries && candidate <= IPEndPoint.MaxPort; candidate++)
        {
            if (!IsFree(candidate))
            {
                continue;
            }

            try
            {
                var server = await SandboxServer.StartAsync(new SandboxOptions { Port = candidate }, logs, cancellationToken);
                var note = candidate == port ? null : $"port {port} is taken by another program, so the API server listens on port {candidate} instead";
                return (server, note);
            }
            catch (IOException)
            {
                // Taken between the check and the bind: try the next.
            }
        }

        throw new IOException($"ports {port}–{port + Tries - 1} of 127.0.0.1 are all taken: free port {port} (ss -ltnp 'sport = :{port}' shows who holds it)");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
