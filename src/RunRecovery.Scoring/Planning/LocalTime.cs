namespace RunRecovery.Scoring.Planning;

/// <summary>Converts between UTC instants and the runner's local clock (docs/recovery-model.md §7.6).</summary>
public static class LocalTime
{
    /// <summary>The runner's time zone; UTC when the profile names none. An unknown id is an error, not a guess.</summary>
    public static TimeZoneInfo Zone(RunnerProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.TimeZone))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"Unknown time zone id '{profile.TimeZone}'.", nameof(profile), e);
        }
    }

    public static DateOnly Date(DateTimeOffset utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, zone).DateTime);

    public static TimeOnly TimeOfDay(DateTimeOffset utc, TimeZoneInfo zone) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, zone).DateTime);

    /// <summary>The UTC instant of a local date and time; a time that does not exist (spring-forward gap) moves later
    /// by the gap.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The earliest instant at or after <paramref name="utc"/> within waking hours [wake, bed − 30 min].</summary>
    public static DateTimeOffset IntoWakingHours(DateTimeOffset utc, RunnerProfile profile, TimeZoneInfo zone)
    {
        DateOnly date = Date(utc, zone);
        TimeOnly time = TimeOfDay(utc, zone);
        TimeOnly latest = profile.BedTime.AddMinutes(-30);
        if (time < profile.WakeTime)
        {
            return ToUtc(date, profile.WakeTime, zone);
        }

        if (time > latest)
        {
            return ToUtc(date.AddDays(1), profile.WakeTime, zone);
        }

        return utc;
    }

    public static DateTimeOffset BedTimeOf(DateOnly date, RunnerProfile profile, TimeZoneInfo zone) =>
        ToUtc(date, profile.BedTime, zone);

    public static DateTimeOffset WakeTimeOf(DateOnly date, RunnerProfile profile, TimeZoneInfo zone) =>
        ToUtc(date, profile.WakeTime, zone);
}
