using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using RunRecovery.Application.Runners;

namespace RunRecovery.Api.OpenApi;

/// <summary>
/// Response types renamed in the code whose OpenAPI schema keeps the name clients generated code from
/// (docs/decisions/application-structure.md): the document stays identical across the rename.
/// </summary>
internal static class PublishedSchemaNames
{
    private static readonly Dictionary<Type, string> Renamed = new()
    {
        [typeof(RunnerAccount)] = "RunnerProfile",
    };

    public static string? For(JsonTypeInfo type) =>
        Renamed.TryGetValue(type.Type, out string? name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
}
