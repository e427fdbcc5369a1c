namespace Greylane.Sandbox.Apply;

/// <summary>A value that does not fit its schema (a list-map item without keys, a duplicate applied item...).</summary>
internal sealed class ApplySchemaException(string message) : Exception(message);
