using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Application.LoadSeries;

public sealed record GetLoad(Guid RunnerId, int? Days) : IQuery<LoadReport>;

/// <summary>The daily series (oldest first) and where the runner stands now.</summary>
public sealed record LoadReport(DateTimeOffset AsOfUtc, RecoveryStatus Current, IReadOnlyList<LoadDay> Days, ScoringStatus Scoring);

/// <param name="Readiness">fresh, normal, fatigued or overreaching.</param>
public sealed record RecoveryStatus(string Readiness, double RemainingRecoveryHours, DateTimeOffset? RecoveredUtc, double Acute, double Chronic, double? Ratio, double Form);

public sealed record LoadDay(DateOnly Date, double Load, double Acute, double Chronic, double? Ratio, double Form, double Monotony, double Strain, string Readiness, double RemainingRecoveryHours);

/// <param name="UpToDate">Every change so far is reflected in the stored loads and queue.</param>
public sealed record ScoringStatus(bool UpToDate, DateTimeOffset? ScoredAt, int PendingActivities);

/// <summary>Computed on request from the stored inputs (the planner takes milliseconds), so it is always current.</summary>
public sealed class GetLoadHandler(RunRecoveryDb db, TimeProvider clock) : IQueryHandler<GetLoad, LoadReport>
{
    public const int MaxDays = 730;

    public async ValueTask<LoadReport> Handle(GetLoad query, CancellationToken cancellationToken)
    {
        int days = query.Days ?? 90;
        if (days is < 1 or > MaxDays)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["days"] = [$"Give 1 to {MaxDays} days."] });
        }

        DateTimeOffset now = clock.GetUtcNow();
        RunnerPlanInputs inputs = await RunnerPlanInputs.LoadAsync(db, query.RunnerId, now, cancellationToken)
            ?? throw new NotFoundException("No such runner.");
        RecoveryPlan plan = RecoveryPlanner.Plan(inputs.Profile, inputs.AllInputs, inputs.Reports, now, days);

        var series = plan.Days.Select(day => new LoadDay(
            day.Load.Date, Round(day.Load.Load), Round(day.Load.Acute), Round(day.Load.Chronic), day.Load.Ratio is { } r ? Round(r) : null,
            Round(day.Load.Form), Round(day.Load.Monotony), Round(day.Load.Strain), Word(day.Readiness), Round(day.RemainingRecoveryHours))).ToList();
        PlanDay? today = plan.Days.Count > 0 ? plan.Days[^1] : null;
        double remaining = today?.RemainingRecoveryHours ?? 0;
        var current = new RecoveryStatus(
            today is null ? Word(Readiness.Fresh) : Word(today.Readiness),
            Round(remaining),
            remaining > 0 ? now + TimeSpan.FromHours(remaining) : null,
            Round(today?.Load.Acute ?? 0),
            Round(today?.Load.Chronic ?? 0),
            today?.Load.Ratio is { } ratio ? Round(ratio) : null,
            Round(today?.Load.Form ?? 0));

        var state = await db.RunnerScoring.AsNoTracking().Where(s => s.RunnerId == query.RunnerId)
            .Select(s => new { s.RequestedVersion, s.ScoredVersion, s.ScoredAt }).SingleOrDefaultAsync(cancellationToken);
        int pending = await db.Activities.CountAsync(a => a.RunnerId == query.RunnerId && a.ScoringState == "pending", cancellationToken);
        var scoring = new ScoringStatus(state is null || state.ScoredVersion >= state.RequestedVersion, state?.ScoredAt, pending);
        return new LoadReport(now, current, series, scoring);
    }

    private static string Word(Readiness readiness) => readiness.ToString().ToLowerInvariant();

    private static double Round(double value) => Math.Round(value, 2);
}

public static class GetLoadEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me/load", HandleAsync)
            .RequireAuthorization()
            .WithTags("Load")
            .WithName("GetLoad")
            .WithSummary("The daily load series (acute, chronic, ratio, form, readiness) for ?days=90 and the current recovery status.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<LoadReport>> HandleAsync(CurrentRunner runner, ISender sender, CancellationToken cancellationToken, int? days = null) =>
        TypedResults.Ok(await sender.Send(new GetLoad(runner.Id, days), cancellationToken));
}
