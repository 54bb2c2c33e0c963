using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>Reading single values of the rare (summary) messages: scaled, as times, as durations, as ints.</summary>
internal static class MessageValues
{
    public static double? Scaled(in FitMessage message, FitProfileField field) =>
        message.GetDouble(field.Number) is double raw ? field.ToPhysical(raw) : null;

    public static DateTimeOffset? ToTime(long? fitSeconds) =>
        fitSeconds is long s and >= 0 and < uint.MaxValue ? FitProfile.ToDateTime((uint)s) : null;

    /// <summary>
    /// A duration, or null when negative or above 10⁸ s (3 years: a uint32 in ms reaches 49 days; only a re-typed
    /// field goes beyond), so start + duration can never leave the DateTimeOffset range.
    /// </summary>
    public static TimeSpan? Seconds(double? seconds) =>
        seconds is double s && s >= 0 && s <= 1e8 ? TimeSpan.FromSeconds(s) : null;

    public static int? ToInt(long? value) => value is long v and >= int.MinValue and <= int.MaxValue ? (int)v : null;
}
