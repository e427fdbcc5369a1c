using System.Text.Json;
using System.Text.Json.Serialization;

namespace Greylane.Core.Rollout;

/// <summary>Source-generated serializer of <see cref="RolloutStatus"/>.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RolloutStatus))]
internal sealed partial class RolloutJsonContext : JsonSerializerContext;
