using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace RunRecovery.Application.Contracts;

/// <summary>The JSON Schemas of the input contract (profile, check-in, checkins.json), the files of docs/schemas.</summary>
public static class SchemasEndpoint
{
    public static readonly string[] Names = ["profile.schema.json", "checkin.schema.json", "checkins-file.schema.json"];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/schemas/{name}", Handle)
            .AllowAnonymous()
            .WithTags("Schemas")
            .WithName("GetSchema")
            .WithSummary("A JSON Schema of the input contract: profile.schema.json, checkin.schema.json or checkins-file.schema.json.")
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static Results<FileContentHttpResult, ProblemHttpResult> Handle(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such schema", detail: $"Schemas: {string.Join(", ", Names)}.");
        }

        using Stream stream = typeof(SchemasEndpoint).Assembly.GetManifestResourceStream($"schemas/{name}")!; // embedded at build, listed in Names
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return TypedResults.File(copy.ToArray(), "application/schema+json");
    }
}
