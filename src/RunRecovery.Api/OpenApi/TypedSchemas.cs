using System.Reflection;
using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Api.OpenApi;

/// <summary>
/// Types what the generator leaves untyped (issue 15): strings, which the host's NUL-refusing converter hides from
/// the schema exporter (a custom converter yields <c>{}</c>), and an activity's <c>metrics</c> and <c>loads</c>,
/// which are served as stored (<see cref="StoredModelJson"/>) and so are described from the stored types with the
/// stored serializer options: <c>ActivityMetrics</c> and <c>ActivityLoad</c> components.
/// </summary>
internal sealed class TypedSchemas : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    private const string MetricsId = "ActivityMetrics";
    private const string LoadId = "ActivityLoad";

    // The stored options as they serialize (a copy: the schema exporter needs the resolver set explicitly).
    private static readonly JsonSerializerOptions Stored = new(StoredModelJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = IsNullable(context.JsonPropertyInfo?.AttributeProvider) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // RFC 9457 §3.2: problems carry extension members (code, offset, fileName, traceId, errors…).
        foreach (string problem in (string[])["ProblemDetails", "HttpValidationProblemDetails"])
        {
            if (document.Components?.Schemas?.TryGetValue(problem, out IOpenApiSchema? schema) == true && schema is OpenApiSchema open)
            {
                open.AdditionalProperties = new OpenApiSchema { Description = "An extension member (RFC 9457 §3.2), e.g. code, offset, fileName, traceId." };
            }
        }

        if (document.Components?.Schemas?.TryGetValue(nameof(ActivityDetail), out IOpenApiSchema? detail) != true
            || detail is not OpenApiSchema { Properties: { } properties })
        {
            return Task.CompletedTask;
        }

        document.AddComponent<IOpenApiSchema>(MetricsId, StoredSchema(typeof(ActivityMetrics), document));
        document.AddComponent<IOpenApiSchema>(LoadId, StoredSchema(typeof(ActivityLoad), document));
        properties["metrics"] = new OpenApiSchemaReference(MetricsId, document);
        properties["loads"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array | JsonSchemaType.Null,
            Description = "One load per session (null until the activity is scored, or when it is excluded or unscorable).",
            Items = new OpenApiSchemaReference(LoadId, document),
        };
        document.Components.Schemas.Remove("JsonElement"); // referenced only by the two properties above
        return Task.CompletedTask;
    }

    /// <summary>The JSON Schema of <paramref name="type"/> as <see cref="StoredModelJson.Options"/> write it, read as an OpenAPI 3.1 schema.</summary>
    private static OpenApiSchema StoredSchema(Type type, OpenApiDocument document)
    {
        string json = Stored.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).ToJsonString();
        return OpenApiModelFactory.Parse<OpenApiSchema>(json, OpenApiSpecVersion.OpenApi3_1, document, out _, "json")
            ?? throw new InvalidOperationException($"The stored schema of {type.Name} did not read as an OpenAPI schema.");
    }

    private static bool IsNullable(ICustomAttributeProvider? member) => member switch
    {
        PropertyInfo property => new NullabilityInfoContext().Create(property).ReadState != NullabilityState.NotNull,
        FieldInfo field => new NullabilityInfoContext().Create(field).ReadState != NullabilityState.NotNull,
        _ => false,
    };
}
