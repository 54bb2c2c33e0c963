using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>The ingest's decisions on what a read gave: a cut file kept or refused, how a refusal counts, the same distance.</summary>
public sealed partial class ActivityIngest
{
    /// <summary>
    /// A file that ends early (the watch died mid-run: it stops inside a record, without its session or CRC) keeps
    /// what was read before the cut when that is a run: at least <see cref="MinSalvagedSamples"/> samples with times
    /// at least a second apart, or a session with a duration. Other damage (a CRC mismatch, a corrupt definition) is
    /// refused: the bytes before it cannot be trusted to be what the device wrote.
    /// </summary>
    public static bool Salvageable(ParsedActivity parsed)
    {
        if (parsed.Error is not { Code: "truncated" })
        {
            return false;
        }

        DateTimeOffset? first = null, last = null;
        int timed = 0;
        foreach (ActivitySample sample in parsed.SampleSpan())
        {
            if (!sample.TimeMissing)
            {
                first ??= sample.Time;
                last = sample.Time;
                timed++;
            }
        }

        return (timed >= MinSalvagedSamples && last - first >= TimeSpan.FromSeconds(1))
            || parsed.Sessions.Any(session => session.ElapsedTime > TimeSpan.Zero || session.TimerTime > TimeSpan.Zero);
    }

    /// <summary>Two timed samples make a duration; fewer is not a run.</summary>
    public const int MinSalvagedSamples = 2;

    private static string TruncatedMessage(FormatError cut) =>
        $"The file ends early ({cut.Message}); what was recorded before byte {cut.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} is stored and its totals are computed from the samples.";

    /// <summary>Within 3 % of the longer distance; two files without a distance count as the same.</summary>
    public static bool SameDistance(double? a, double? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Math.Abs(x - y) <= SameDistanceTolerance * Math.Max(Math.Max(x, y), 1),
        _ => false,
    };

    /// <summary>How the reader's refusal counts: an unknown format apart from every kind of damage.</summary>
    public static IngestOutcome OutcomeOf(ActivityFileException error) =>
        error.Code == "unsupported-format" ? IngestOutcome.Unsupported : IngestOutcome.Unreadable;
}
