using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Gpx;

/// <summary>Maps the free-text GPX &lt;type&gt; (and TCX Sport attribute) to a sport word (<see cref="SportWords"/>), null when it names none we know.</summary>
internal static class GpxSport
{
    public static string? FromType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        string t = type.Trim();

        // Strava writes its numeric activity type: 9 = Run, 1 = Ride (confirmed by the shared corpus:
        // stopped_example.gpx says 9 and its TCX twin says Running).
        if (t == "9")
        {
            return SportWords.Running;
        }

        if (t == "1")
        {
            return SportWords.Cycling;
        }

        if (Has(t, "run") || Has(t, "jog") || Has(t, "trail"))
        {
            return SportWords.Running;
        }

        if (Has(t, "walk"))
        {
            return SportWords.Walking;
        }

        if (Has(t, "hik"))
        {
            return SportWords.Hiking;
        }

        if (Has(t, "bik") || Has(t, "cycl") || Has(t, "ride"))
        {
            return SportWords.Cycling;
        }

        if (Has(t, "swim"))
        {
            return SportWords.Swimming;
        }

        if (Has(t, "row"))
        {
            return SportWords.Rowing;
        }

        if (Has(t, "multi"))
        {
            return SportWords.Multisport;
        }

        return Has(t, "other") ? SportWords.Other : null;
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
