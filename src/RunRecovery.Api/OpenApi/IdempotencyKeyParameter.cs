using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RunRecovery.Application.Idempotency;

namespace RunRecovery.Api.OpenApi;

/// <summary>
/// Documents <c>Idempotency-Key</c> on every POST (<see cref="IdempotencyKeys"/>): the optional header and the two
/// answers it adds, 409 (the key's first request is still in flight) and 422 (the key was used on another request).
/// </summary>
internal sealed class IdempotencyKeyParameter : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
            || context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the same key with the same request within 24 h answers the first answer again "
                + "(Idempotent-Replayed: true) without doing the work twice. 1–255 visible ASCII characters, e.g. a UUID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeys.MaxKeyLength },
        });
        operation.Responses ??= [];
        foreach ((string status, string description) in (ReadOnlySpan<(string, string)>)[
            ("409", "Conflict (also: a request with this Idempotency-Key is still being processed)"),
            ("422", "Unprocessable Content (also: this Idempotency-Key was used for a different request)")])
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                },
            });
        }

        return Task.CompletedTask;
    }
}
