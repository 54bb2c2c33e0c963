using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Gpx;

/// <summary>Maps the free-text GPX &lt;type&gt; (and TCX Sport attribute) to <see cref="Sport"/>.</summary>
internal static class GpxSport
{
    public static Sport FromType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return Sport.Unknown;
        }

        string t = type.Trim();

        // Strava writes its numeric activity type: 9 = Run, 1 = Ride (confirmed by the shared corpus:
        // stopped_example.gpx says 9 and its TCX twin says Running).
        if (t == "9")
        {
            return Sport.Running;
        }

        if (t == "1")
        {
            return Sport.Cycling;
        }

        if (Has(t, "run") || Has(t, "jog") || Has(t, "trail"))
        {
            return Sport.Running;
        }

        if (Has(t, "walk"))
        {
            return Sport.Walking;
        }

        if (Has(t, "hik"))
        {
            return Sport.Hiking;
        }

        if (Has(t, "bik") || Has(t, "cycl") || Has(t, "ride"))
        {
            return Sport.Cycling;
        }

        if (Has(t, "swim"))
        {
            return Sport.Swimming;
        }

        if (Has(t, "row"))
        {
            return Sport.Rowing;
        }

        if (Has(t, "multi"))
        {
            return Sport.Multisport;
        }

        return Has(t, "other") ? Sport.Other : Sport.Unknown;
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
