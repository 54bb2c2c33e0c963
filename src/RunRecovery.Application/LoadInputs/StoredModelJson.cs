using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRecovery.Application.LoadInputs;

/// <summary>
/// How the model's results are written to their json columns (<c>activities.metrics</c>, <c>activities.loads</c>):
/// web names, nulls left out, enum names. They are outputs, recomputed from the file or from the load inputs and
/// returned by the API as stored; the inputs the model reads back have their own versioned contract
/// (<see cref="LoadInputsJson"/>).
/// </summary>
public static class StoredModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
