using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Checkins;

public sealed record CheckinView(
    Guid Id,
    DateOnly Date,
    IReadOnlyDictionary<BodyPart, int> Soreness,
    bool Pain,
    IReadOnlyList<BodyPart> PainBodyParts,
    int? SleepQuality,
    string? Note,
    DateTimeOffset CreatedAt)
{
    public static CheckinView From(Checkin checkin) =>
        new(checkin.Id, checkin.Date, checkin.Soreness, checkin.Pain, checkin.PainBodyParts, checkin.SleepQuality, checkin.Note, checkin.CreatedAt);
}
