using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using ContractCheckin = RunRecovery.Scoring.Planning.Input.Checkin;

namespace RunRecovery.Application.Checkins.Create;

/// <summary>Check-ins already read under the strict contract (docs/schemas/checkin.schema.json); <see cref="Paths"/>
/// holds each one's JSON path for errors found here ("$" or "$[2]").</summary>
public sealed record CreateCheckins(IReadOnlyList<ContractCheckin> Checkins, IReadOnlyList<string> Paths) : ICommand<IReadOnlyList<CheckinView>>
{
    public Guid RunnerId { get; init; }
}

/// <summary>Stores the check-ins (one row each) and rescores the runner: soreness, pain and the morning report change
/// the plan, today's included (issue 14).</summary>
public sealed class CreateCheckinsHandler(RunRecoveryDb db, ScoringQueue scoring, TimeProvider clock) : ICommandHandler<CreateCheckins, IReadOnlyList<CheckinView>>
{
    /// <summary>How far back a check-in may be dated.</summary>
    public const int MaxDaysBack = 60;

    public async ValueTask<IReadOnlyList<CheckinView>> Handle(CreateCheckins command, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        string zoneId = await db.Runners.Where(r => r.Id == command.RunnerId).Select(r => r.TimeZone).SingleAsync(cancellationToken);
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).DateTime);

        var errors = new Dictionary<string, string[]>();
        var rows = new List<Checkin>();
        for (int i = 0; i < command.Checkins.Count; i++)
        {
            ContractCheckin item = command.Checkins[i];
            DateOnly date = item.Part?.Date ?? item.Morning!.Date; // the reader gives a part, a morning report or both
            if (date > today.AddDays(1) || date < today.AddDays(-MaxDaysBack))
            {
                errors[$"{command.Paths[i]}.date"] = [$"'{date:yyyy-MM-dd}': give a day within the last {MaxDaysBack} days (today is {today:yyyy-MM-dd} in your time zone)."];
                continue;
            }

            rows.Add(new Checkin
            {
                Id = Guid.CreateVersion7(now),
                RunnerId = command.RunnerId,
                Date = date,
                Soreness = item.Part is { } part ? new() { [part.BodyPart] = part.Soreness } : [],
                Pain = item.Part?.HasPain ?? false,
                PainBodyParts = item.Part is { HasPain: true } painful ? [painful.BodyPart] : [],
                PainSeverity = item.Part?.PainSeverity,
                PainCharacter = item.Part?.PainCharacter,
                RedFlags = [.. item.Part?.RedFlags ?? []],
                OverallSoreness = item.Morning?.OverallSoreness,
                SleepQuality = item.Morning?.SleepQuality,
                RestingHeartRateBpm = item.Morning?.RestingHeartRateBpm,
                Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim(),
                CreatedAt = now,
            });
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        db.Checkins.AddRange(rows);
        await scoring.SaveAndRequestAsync(command.RunnerId, null, cancellationToken);
        return [.. rows.Select(CheckinView.From)];
    }
}
