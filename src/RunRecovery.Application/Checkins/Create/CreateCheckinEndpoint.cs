using RunRecovery.Application.Authentication;
using RunRecovery.Application.Contracts;

namespace RunRecovery.Application.Checkins.Create;

public static class CreateCheckinEndpoint
{
    /// <summary>Check-ins in one request at most.</summary>
    public const int MaxCheckins = 50;

    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/me/checkins", HandleAsync)
            .RequireAuthorization()
            .WithTags("Check-ins")
            .WithName("CreateCheckin")
            .WithSummary("Report a body part's soreness, pain (severity, character, red flags) and/or a morning report (overall soreness, sleep, resting HR); one check-in or a list. Strict contract: docs/schemas/checkin.schema.json, served at /api/schemas/checkin.schema.json.")
            .Accepts<object>("application/json")
            .Produces<CheckinView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    // The body is read by the contract's own reader (unknown, duplicate and missing fields are errors, each named by
    // its JSON path), not by model binding, which drops unknown fields silently.
    private static async Task<IResult> HandleAsync(HttpRequest request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken)
    {
        (var checkins, var paths, bool list) = await StrictJson.ReadCheckinsAsync(request, MaxCheckins, cancellationToken);
        IReadOnlyList<CheckinView> created = await sender.Send(new CreateCheckins(checkins, paths) { RunnerId = runner.Id }, cancellationToken);
        string location = $"/api/runners/me/checkins?from={created.Min(c => c.Date):yyyy-MM-dd}";
        return list ? TypedResults.Created(location, created) : TypedResults.Created(location, created[0]);
    }
}
