namespace Greylane.Sandbox.Apply;

/// <summary>An applied configuration the server refuses before merging (answered 400 BadRequest).</summary>
internal sealed class ApplyRequestException(string message) : Exception(message);
