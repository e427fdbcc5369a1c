namespace Greylane.Sandbox.Protobuf;

/// <summary>How a protobuf field of a Kubernetes message maps to JSON: its name and value shape.</summary>
internal sealed record ProtoField(string Name, ProtoShape Shape, string? Message = null);

/// <summary>The value shapes the supported messages use.</summary>
internal enum ProtoShape
{
    String,
    Bytes,
    Int64,
    Bool,
    Message,
    RepeatedString,
    StringMap,
    BytesMap,
    Ignored,
}
