using System.Text.Json;
using Microsoft.Net.Http.Headers;
using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Contracts;
using RunRecovery.Application.Errors;

namespace RunRecovery.Application.Activities.Patch;

public static class PatchActivityEndpoint
{
    public const string MergePatchMediaType = "application/merge-patch+json";

    public static void Map(RouteGroupBuilder activities) =>
        activities.MapPatch("/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("PatchActivity")
            .WithSummary("Edit an activity with a JSON Merge Patch (RFC 7396): name, notes, sport (rescores), excludeFromLoad (rescores).")
            .WithDescription(
                "Send application/merge-patch+json (application/json is accepted too). Members left out keep their value; notes: null removes the "
                + "notes. Unknown members and wrong types are a 400 problem naming the JSON path. If-Match with the ETag of GET "
                + "/api/activities/{id} makes the change conditional: 412 when the activity changed since (re-read it); no If-Match is allowed.")
            // Routing answers 415 (a problem) for any other content type.
            .Accepts<ActivityPatchDocument>(MergePatchMediaType, "application/json")
            .Produces<ActivityDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> HandleAsync(Guid id, HttpContext context, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        using JsonDocument document = await StrictJson.ParseAsync(context.Request, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        ActivityPatch patch = ActivityPatchReader.Read(document.RootElement, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        PatchActivityResult result = await sender.Send(new PatchActivity(runner.Id, id, patch, IfMatch(context.Request)), cancellationToken);
        context.Response.Headers.ETag = result.ETag;
        return result.Outcome == PatchActivityOutcome.Stale
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The activity changed since you read it.",
                detail: $"If-Match names none of the activity's current ETag {result.ETag}: read it again (GET), then send your change with the new ETag. Nothing was changed.",
                extensions: new Dictionary<string, object?> { ["code"] = "stale-etag" })
            : TypedResults.Ok(result.Detail);
    }

    /// <summary>The strong tags of If-Match (RFC 9110 §13.1.1); null when absent or "*" (the activity exists, or it is a 404).
    /// A weak tag never matches (If-Match compares strongly); a malformed header is a 400.</summary>
    private static string[]? IfMatch(HttpRequest request)
    {
        string[] values = [.. request.Headers.IfMatch.OfType<string>()];
        if (values.Length == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(values, out IList<EntityTagHeaderValue>? tags))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["If-Match"] = ["expected \"*\" or a list of entity tags such as \"3f9a…\""] });
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any))
            ? null
            : [.. tags.Where(tag => !tag.IsWeak).Select(tag => tag.Tag.ToString())];
    }
}
