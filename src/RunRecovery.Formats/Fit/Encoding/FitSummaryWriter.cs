using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>The summary part of <see cref="FitActivityWriter"/>'s output: lap and session messages with their stated totals.</summary>
internal static class FitSummaryWriter
{
    /// <summary>One lap message per lap, then one session message per session; each timestamp is noted in <paramref name="state"/>.</summary>
    public static void Write(FitWriter writer, ParsedActivity activity, bool be, FitTimestampState state)
    {
        writer.Define(FitActivityWriter.LocalLap, FitProfile.Lap,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(2, FitBaseType.UInt32), FitFieldSpec.Of(7, FitBaseType.UInt32),
             FitFieldSpec.Of(8, FitBaseType.UInt32), FitFieldSpec.Of(9, FitBaseType.UInt32), FitFieldSpec.Of(15, FitBaseType.UInt8),
             FitFieldSpec.Of(16, FitBaseType.UInt8), FitFieldSpec.Of(21, FitBaseType.UInt16), FitFieldSpec.Of(22, FitBaseType.UInt16)],
            bigEndian: be);
        foreach (ActivityLap lap in activity.Laps)
        {
            uint? start = lap.StartUtc is DateTimeOffset s ? FitProfile.ToFitSeconds(s) : null;
            uint? stamp = start is uint st ? st + (uint)Math.Ceiling(lap.ElapsedTime?.TotalSeconds ?? 0) : null;
            writer.Write(FitActivityWriter.LocalLap, (long?)stamp, (long?)start,
                FitValue.Raw(lap.ElapsedTime?.TotalSeconds, FitProfile.LapFields.TotalElapsedTime),
                FitValue.Raw(lap.TimerTime?.TotalSeconds, FitProfile.LapFields.TotalTimerTime),
                FitValue.Raw(lap.DistanceMeters, FitProfile.LapFields.TotalDistance),
                (long?)lap.AvgHeartRateBpm, (long?)lap.MaxHeartRateBpm,
                FitValue.Raw(lap.AscentMeters, FitProfile.LapFields.TotalAscent), FitValue.Raw(lap.DescentMeters, FitProfile.LapFields.TotalDescent));
            if (stamp is uint written)
            {
                state.Set(written);
            }
        }

        writer.Define(FitActivityWriter.LocalSession, FitProfile.Session,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(2, FitBaseType.UInt32), FitFieldSpec.Of(5, FitBaseType.Enum),
             FitFieldSpec.Of(6, FitBaseType.Enum), FitFieldSpec.Of(7, FitBaseType.UInt32), FitFieldSpec.Of(8, FitBaseType.UInt32),
             FitFieldSpec.Of(9, FitBaseType.UInt32), FitFieldSpec.Of(11, FitBaseType.UInt16), FitFieldSpec.Of(16, FitBaseType.UInt8),
             FitFieldSpec.Of(17, FitBaseType.UInt8), FitFieldSpec.Of(18, FitBaseType.UInt8), FitFieldSpec.Of(92, FitBaseType.UInt8),
             FitFieldSpec.Of(22, FitBaseType.UInt16), FitFieldSpec.Of(23, FitBaseType.UInt16)],
            bigEndian: be);
        foreach (ActivitySession session in activity.Sessions)
        {
            uint? start = session.StartUtc is DateTimeOffset s ? FitProfile.ToFitSeconds(s) : null;
            uint? stamp = start is uint st ? st + (uint)Math.Ceiling(session.ElapsedTime?.TotalSeconds ?? 0) : null;
            double? cadence = session.AvgCadenceRpm;
            writer.Write(FitActivityWriter.LocalSession, (long?)stamp, (long?)start,
                (long)FitProfile.SportNumber(session.Sport), (long?)FitProfile.SubSportNumber(session.SubSport),
                FitValue.Raw(session.ElapsedTime?.TotalSeconds, FitProfile.SessionFields.TotalElapsedTime),
                FitValue.Raw(session.TimerTime?.TotalSeconds, FitProfile.SessionFields.TotalTimerTime),
                FitValue.Raw(session.DistanceMeters, FitProfile.SessionFields.TotalDistance),
                (long?)session.Calories, (long?)session.AvgHeartRateBpm, (long?)session.MaxHeartRateBpm,
                cadence is double c ? (long)Math.Floor(c) : FitValue.Invalid,
                cadence is double cf ? (long)Math.Round((cf - Math.Floor(cf)) * 128) : FitValue.Invalid,
                FitValue.Raw(session.AscentMeters, FitProfile.SessionFields.TotalAscent),
                FitValue.Raw(session.DescentMeters, FitProfile.SessionFields.TotalDescent));
            if (stamp is uint written)
            {
                state.Set(written);
            }
        }
    }
}
