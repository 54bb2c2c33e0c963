using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Contracts;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Profiles.Get;
using RunRecovery.Application.Profiles.Put;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Planning.Input;

namespace RunRecovery.Application.Profiles.Patch;

/// <summary>
/// PATCH beside PUT: the stored profile, written in the strict contract's shape, merge-patched (RFC 7396), then read by
/// the same contract reader and saved as PUT saves (so the same validation errors, keyed by the same JSON paths).
/// </summary>
public static class PatchProfileEndpoint
{
    private static readonly JsonSerializerOptions ContractShape = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPatch("/me/profile", HandleAsync)
            .RequireAuthorization()
            .WithTags("Profile")
            .WithName("PatchProfile")
            .WithSummary("Change part of the runner's recovery profile with a JSON Merge Patch (RFC 7396): members left out keep their value, null returns one to its default; the runner is rescored. The merged profile must meet the strict contract of PUT (docs/schemas/profile.schema.json).")
            // Routing answers 415 (a problem) for any other content type.
            .Accepts<object>("application/merge-patch+json", "application/json")
            .Produces<RunnerProfileView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Ok<RunnerProfileView>> HandleAsync(
        HttpRequest request, CurrentRunner runner, ISender sender, TimeProvider clock, CancellationToken cancellationToken)
    {
        using JsonDocument patch = await StrictJson.ParseAsync(request, cancellationToken);
        if (patch.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["$"] = ["expected a JSON object (a merge patch of the profile)"] });
        }

        RunnerProfileView stored = await sender.Send(new GetProfile(runner.Id), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        JsonNode? merged = JsonMergePatch.Apply(Contract(stored), patch.RootElement, "$", errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        using JsonDocument document = JsonDocument.Parse(merged!.ToJsonString()); // an object patch always yields an object
        var problems = new List<InputError>();
        RunnerProfile? profile = PlanInput.ReadProfile(document.RootElement, "$", clock.GetUtcNow(), problems);
        StrictJson.Throw(problems);
        return TypedResults.Ok(await sender.Send(new PutProfile(profile!) { RunnerId = runner.Id }, cancellationToken));
    }

    /// <summary>The stored profile as a PUT body: the view's members less the webhook secret (not the runner's to set).</summary>
    private static JsonObject Contract(RunnerProfileView stored)
    {
        JsonObject body = JsonSerializer.SerializeToNode(stored, ContractShape)!.AsObject();
        body.Remove("webhookSecret");
        return body;
    }
}
