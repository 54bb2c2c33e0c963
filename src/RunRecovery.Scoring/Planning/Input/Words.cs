namespace RunRecovery.Scoring.Planning.Input;

/// <summary>The contract's words ("foam-roller", "lower-back"…) and the spellings we accept for them: any case, spaces,
/// hyphens or underscores ("Foam roller", "FOAM_ROLLER"). Anything else is an error that names the nearest word.</summary>
internal static class Words
{
    public static IReadOnlyDictionary<string, T> Of<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), v => v, StringComparer.Ordinal);

    public static T? Match<T>(string text, IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        string key = Key(text);
        foreach (var (word, value) in words)
        {
            if (Key(word) == key)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The allowed word closest to <paramref name="text"/> (edit distance ≤ 3 or a shared 3-letter start), if any.</summary>
    public static string? Nearest(string text, IReadOnlyList<string> words)
    {
        string key = Key(text);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var word in words)
        {
            string other = Key(word);
            int distance = Distance(key, other);
            bool prefix = key.Length >= 3 && other.StartsWith(key[..3], StringComparison.Ordinal);
            if ((distance <= 3 || prefix) && distance < bestDistance)
            {
                best = word;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string Key(string text) =>
        new([.. text.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
