using System.Globalization;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities;

/// <summary>
/// An activity's name when the runner has not given one: the file's own (GPX <c>trk/name</c>, TCX <c>Activity/Id</c>
/// unless it is only the start time, FIT workout <c>wkt_name</c>), else "Morning run" style from the start in the
/// runner's time zone. A FIT sport profile's name ("Run") is not an activity name. The migration ActivityEdits
/// writes the same generated names into existing rows (ActivityNamesBackfill: same hours and words, in SQL).
/// </summary>
public static class ActivityNames
{
    public static string For(ParsedActivity parsed, string sport, DateTimeOffset? startUtc, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return FromFile(parsed.Name) ?? Generated(sport, startUtc, timeZone);
    }

    /// <summary>The file's name, trimmed to one line; null when it has none or it is only a date-time (a TCX Id).</summary>
    public static string? FromFile(string? name)
    {
        string? text = name is null ? null : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (string.IsNullOrEmpty(text) || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return null;
        }

        return text.Length > ActivityRules.MaxNameLength ? text[..ActivityRules.MaxNameLength] : text;
    }

    /// <summary>"Morning run" (05–11 h local), "Afternoon ride" (12–16 h), "Evening walk" (17–20 h), "Night swim"
    /// (21–04 h); "Run" without a calendar start. An unknown zone is read as UTC.</summary>
    public static string Generated(string sport, DateTimeOffset? startUtc, string timeZone)
    {
        string word = SportWord(sport);
        if (startUtc is not { } start)
        {
            return char.ToUpperInvariant(word[0]) + word[1..];
        }

        TimeZoneInfo zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out TimeZoneInfo? found) ? found : TimeZoneInfo.Utc;
        int hour = TimeZoneInfo.ConvertTime(start, zone).Hour;
        string part = hour switch
        {
            >= 5 and < 12 => "Morning",
            >= 12 and < 17 => "Afternoon",
            >= 17 and < 21 => "Evening",
            _ => "Night",
        };
        return $"{part} {word}";
    }

    public static string SportWord(string sport) => sport switch
    {
        "running" => "run",
        "walking" => "walk",
        "hiking" => "hike",
        "cycling" => "ride",
        "swimming" => "swim",
        "rowing" => "row",
        "multisport" => "multisport",
        _ => "activity",
    };
}
