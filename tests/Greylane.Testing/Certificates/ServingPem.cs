namespace Greylane.Testing.Certificates;

/// <summary>A certificate and its key in PEM, and the thumbprint a client will see.</summary>
public sealed record ServingPem(string CertificatePem, string KeyPem, string Thumbprint);
