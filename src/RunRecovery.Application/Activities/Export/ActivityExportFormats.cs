using System.Globalization;
using System.Text;
using RunRecovery.Analysis;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Export;

/// <summary>The export formats: their words, content types, file names and the encoder behind each.</summary>
public static class ActivityExportFormats
{
    public const string Words = "fit, gpx or tcx";

    public static bool TryParse(string? word, out ActivityFormat format)
    {
        format = default;
        return word?.Trim().ToLowerInvariant() switch
        {
            "fit" => Set(ActivityFormat.Fit, out format),
            "gpx" => Set(ActivityFormat.Gpx, out format),
            "tcx" => Set(ActivityFormat.Tcx, out format),
            _ => false,
        };
    }

    /// <summary>The format an Accept header asks for (its first listed export content type), or null.</summary>
    public static ActivityFormat? FromAccept(IEnumerable<string?> accept)
    {
        foreach (string? header in accept)
        {
            foreach (string part in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string type = part.Split(';')[0].Trim();
                foreach (ActivityFormat format in Enum.GetValues<ActivityFormat>())
                {
                    if (string.Equals(type, ContentType(format), StringComparison.OrdinalIgnoreCase))
                    {
                        return format;
                    }
                }
            }
        }

        return null;
    }

    public static string ContentType(ActivityFormat format) => format switch
    {
        ActivityFormat.Fit => ActivityMediaTypes.Fit,
        ActivityFormat.Gpx => ActivityMediaTypes.Gpx,
        _ => ActivityMediaTypes.Tcx,
    };

    public static byte[] Write(ParsedActivity activity, ActivityFormat format, string? name)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return format switch
        {
            ActivityFormat.Fit => FitActivityWriter.Write(activity),
            ActivityFormat.Gpx => GpxWriter.ToBytes(activity.Samples, activity.SegmentStartIndices, RecordingMapper.Name(RecordingMapper.SportOf(activity.Sport)), name),
            _ => TcxWriter.ToBytes(activity, name),
        };
    }

    /// <summary>
    /// The parsed file as the runner sees it: samples without a time left out (FIT and TCX need one) and, unless the
    /// file holds several sports, the stored sport on the activity and its session. Every sport is written as the
    /// model's word for it (<see cref="RecordingMapper.WordOf"/>: a FIT "fitness_equipment" session is written as
    /// "other", as the model has it). What the reader said about the original (its warnings, damage, FIT file type)
    /// is not carried to the edited copy.
    /// </summary>
    public static ParsedActivity Edited(ParsedActivity parsed, Sport sport)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        bool oneSport = parsed.Sessions.Count(s => s.Sport != SportWords.Transition) <= 1 && sport != Sport.Multisport;
        string? word = RecordingMapper.WordOf(sport);
        bool untimed = parsed.Samples.Any(s => s.TimeMissing);
        return parsed with
        {
            Sport = oneSport ? word : ModelWord(parsed.Sport),
            FitFileType = null,
            Samples = untimed ? [.. parsed.Samples.Where(s => !s.TimeMissing)] : parsed.Samples,
            Sessions = [.. parsed.Sessions.Select(s => s with { Sport = oneSport && s.Sport != SportWords.Transition ? word : ModelWord(s.Sport) })],
            DeveloperChannels = untimed ? [] : parsed.DeveloperChannels,
            Warnings = [],
            Error = null,
            SegmentStartIndices = untimed ? [] : parsed.SegmentStartIndices,
        };
    }

    private static string? ModelWord(string? word) => RecordingMapper.WordOf(RecordingMapper.SportOf(word));

    /// <summary>"2026-06-01-morning-run.gpx": the start date and the name in lowercase ASCII words; the id when there is neither.</summary>
    public static string FileName(Guid id, string? name, DateTimeOffset? startUtc, ActivityFormat format)
    {
        var slug = new StringBuilder();
        foreach (char c in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string words = slug.ToString().Trim('-');
        words = words.Length > 60 ? words[..60].TrimEnd('-') : words;
        string date = startUtc is { } start ? start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        string stem = string.Join('-', new[] { date, words }.Where(p => p.Length > 0));
        return $"{(stem.Length > 0 ? stem : $"activity-{id:N}")}.{format.ToString().ToLowerInvariant()}";
    }

    private static bool Set(ActivityFormat value, out ActivityFormat format)
    {
        format = value;
        return true;
    }
}
