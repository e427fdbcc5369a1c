using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Greylane.SampleService;

/// <summary>The address a pod would show: the first IPv4 address that is not loopback.</summary>
internal static class LocalAddress
{
    public static string Find() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            ?.ToString() ?? "127.0.0.1";
}
