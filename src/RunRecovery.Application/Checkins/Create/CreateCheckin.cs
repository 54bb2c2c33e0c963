using Mediator;
using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Checkins.Create;

/// <param name="Date">The runner's local day; today in their time zone when left out.</param>
/// <param name="Soreness">0–10 per body part ("calves", "quadriceps", "lower-back"…).</param>
/// <param name="PainBodyParts">Where it hurts when <paramref name="Pain"/> is set; all reported parts when empty.</param>
/// <param name="SleepQuality">1 (very poor) to 5 (very good).</param>
public sealed record CreateCheckin(
    DateOnly? Date,
    IReadOnlyDictionary<BodyPart, int>? Soreness,
    bool Pain,
    IReadOnlyList<BodyPart>? PainBodyParts,
    int? SleepQuality,
    string? Note) : ICommand<CheckinView>
{
    public Guid RunnerId { get; init; }
}

/// <summary>Stores the check-in and rescores the runner (soreness and pain change the plan).</summary>
public sealed class CreateCheckinHandler(RunRecoveryDb db, ScoringRequests scoring, TimeProvider clock) : ICommandHandler<CreateCheckin, CheckinView>
{
    public const int MaxNoteLength = 2000;

    public async ValueTask<CheckinView> Handle(CreateCheckin command, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        string zoneId = await db.Runners.Where(r => r.Id == command.RunnerId).Select(r => r.TimeZone).SingleAsync(cancellationToken);
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).DateTime);
        DateOnly date = command.Date ?? today;

        var errors = new Dictionary<string, string[]>();
        if (command.Soreness is null || command.Soreness.Count == 0)
        {
            errors["soreness"] = ["Report soreness 0–10 for at least one body part, e.g. {\"calves\": 4}."];
        }
        else if (command.Soreness.Values.Any(value => value is < 0 or > 10))
        {
            errors["soreness"] = ["Soreness is 0 (none) to 10 (worst imaginable)."];
        }

        if (date > today.AddDays(1) || date < today.AddDays(-60))
        {
            errors["date"] = ["Give a day within the last 60 days."];
        }

        if (command.SleepQuality is { } sleep && sleep is < 1 or > 5)
        {
            errors["sleepQuality"] = ["Sleep quality is 1 (very poor) to 5 (very good)."];
        }

        if (command.Note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"Keep the note under {MaxNoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var checkin = new Checkin
        {
            Id = Guid.CreateVersion7(now),
            RunnerId = command.RunnerId,
            Date = date,
            Soreness = command.Soreness!.ToDictionary(), // validated non-empty above
            Pain = command.Pain,
            PainBodyParts = [.. command.PainBodyParts ?? []],
            SleepQuality = command.SleepQuality,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            CreatedAt = now,
        };
        db.Checkins.Add(checkin);
        await scoring.SaveAndRequestAsync(command.RunnerId, null, cancellationToken);
        return CheckinView.From(checkin);
    }
}
