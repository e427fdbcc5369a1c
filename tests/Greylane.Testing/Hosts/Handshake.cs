using System.Security.Authentication;

namespace Greylane.Testing.Hosts;

/// <summary>What one TLS handshake showed.</summary>
public sealed record Handshake(string Thumbprint, SslProtocols Protocol, string Alpn);
