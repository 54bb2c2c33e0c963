using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Checkins;

/// <summary>A stored check-in. <see cref="Soreness"/> and <see cref="Pain"/> keep their meaning from before issue 14
/// (soreness by part; pain of any kind); <see cref="BodyPart"/>, <see cref="PainSeverity"/>, <see cref="PainCharacter"/>,
/// <see cref="RedFlags"/> and the morning fields are the contract's since issue 14.</summary>
public sealed record CheckinView(
    Guid Id,
    DateOnly Date,
    IReadOnlyDictionary<BodyPart, int> Soreness,
    bool Pain,
    IReadOnlyList<BodyPart> PainBodyParts,
    int? SleepQuality,
    string? Note,
    DateTimeOffset CreatedAt,
    BodyPart? BodyPart,
    int? PainSeverity,
    PainCharacter? PainCharacter,
    IReadOnlyList<RedFlag> RedFlags,
    int? OverallSoreness,
    int? RestingHeartRateBpm)
{
    public static CheckinView From(Checkin checkin) => new(
        checkin.Id, checkin.Date, checkin.Soreness, checkin.Pain, checkin.PainBodyParts, checkin.SleepQuality, checkin.Note, checkin.CreatedAt,
        checkin.Soreness.Count == 1 ? checkin.Soreness.Keys.Single() : null,
        checkin.PainSeverity, checkin.PainCharacter, checkin.RedFlags, checkin.OverallSoreness, checkin.RestingHeartRateBpm);
}
