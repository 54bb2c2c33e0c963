using System.Globalization;
using System.Text.Json;

namespace RunRecovery.Scoring.Planning.Input;

/// <summary>
/// Reads one JSON object under the strict contract: unknown and duplicate fields are errors, required fields are
/// required, numbers have ranges, words come from a list (spelling variants such as "Foam roller" are accepted).
/// Every problem is collected with its JSON path; nothing is silently dropped or defaulted.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    private readonly bool _nullIsAbsent;

    private JsonFields(string path, List<InputError> errors, bool nullIsAbsent)
    {
        Path = path;
        Errors = errors;
        _nullIsAbsent = nullIsAbsent;
    }

    public string Path { get; }

    public List<InputError> Errors { get; }

    /// <summary>The object at <paramref name="path"/>, or null (with an error) when it is not an object.</summary>
    /// <param name="nullIsAbsent">True: a field set to null counts as left out (profiles, PUT semantics). False: null is an
    /// error (check-ins and feedback).</param>
    public static JsonFields? Open(JsonElement element, string path, List<InputError> errors, IReadOnlyList<string> allowed, bool nullIsAbsent = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new InputError(path, Show(element), "expected an object { … }"));
            return null;
        }

        var reader = new JsonFields(path, errors, nullIsAbsent);
        foreach (var property in element.EnumerateObject())
        {
            string at = Field(path, property.Name);
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                string? near = Words.Nearest(property.Name, allowed);
                errors.Add(new InputError(at, null, $"unknown field{(near is null ? "" : $" (did you mean '{near}'?)")}; allowed: {string.Join(", ", allowed)}"));
            }
            else if (!reader._fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(new InputError(at, null, "duplicate field: give it once"));
            }
        }

        return reader;
    }

    public static string Field(string path, string name) => $"{path}.{name}";

    public static string Show(JsonElement element)
    {
        string text = element.ValueKind == JsonValueKind.String ? $"'{element.GetString()}'" : element.GetRawText();
        return text.Length > 60 ? text[..57] + "…" : text;
    }

    public bool Has(string name) => _fields.TryGetValue(name, out var value) && (value.ValueKind != JsonValueKind.Null || !_nullIsAbsent);

    public bool TryGet(string name, bool required, out JsonElement value)
    {
        if (_fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Null && _fields.ContainsKey(name) && !_nullIsAbsent)
        {
            Errors.Add(new InputError(Field(Path, name), "null", "null is not allowed: leave the field out"));
            return false;
        }

        if (required)
        {
            Errors.Add(new InputError(Field(Path, name), null, "required"));
        }

        return false;
    }

    public int? Int(string name, int min, int max, bool required = false, string? unit = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && d == Math.Floor(d) && d >= min && d <= max)
        {
            return (int)d;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value), $"expected a whole number from {min} to {max}{(unit is null ? "" : " " + unit)}"));
        return null;
    }

    public double? Number(string name, double min, double max, bool required = false, string? unit = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d) && d >= min && d <= max)
        {
            return d;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value), string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}{(unit is null ? "" : " " + unit)}")));
        return null;
    }

    public string? Text(string name, int maxLength, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Length <= maxLength && (!required || text.Trim().Length > 0)
            && !text.Contains('\0', StringComparison.Ordinal))
        {
            return text;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value).Replace("\0", "\\u0000", StringComparison.Ordinal),
            $"expected text of at most {maxLength} characters, without NUL (U+0000) characters"));
        return null;
    }

    public T? Word<T>(string name, IReadOnlyDictionary<string, T> words, bool required = false)
        where T : struct
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        return WordOf(value, Field(Path, name), words, Errors);
    }

    public static T? WordOf<T>(JsonElement value, string path, IReadOnlyDictionary<string, T> words, List<InputError> errors)
        where T : struct
    {
        if (value.ValueKind == JsonValueKind.String && Words.Match(value.GetString()!, words) is { } found)
        {
            return found;
        }

        string? near = value.ValueKind == JsonValueKind.String ? Words.Nearest(value.GetString()!, [.. words.Keys]) : null;
        errors.Add(new InputError(path, Show(value), $"expected one of {string.Join(", ", words.Keys)}{(near is null ? "" : $" (did you mean '{near}'?)")}"));
        return null;
    }

    public DateOnly? Date(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 1900)
        {
            return date;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value), "expected a date such as 2026-04-30"));
        return null;
    }

    public TimeOnly? Time(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value), "expected a local time such as 06:30 or 06:30:00"));
        return null;
    }

    public DateTimeOffset? Instant(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Length >= 20
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant)
            && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-'))
        {
            return instant;
        }

        Errors.Add(new InputError(Field(Path, name), Show(value), "expected an ISO 8601 time with a zone such as 2026-04-28T19:30:00Z"));
        return null;
    }

    /// <summary>A list of words, each checked like <see cref="Word{T}"/>; null when absent.</summary>
    public List<T>? WordList<T>(string name, IReadOnlyDictionary<string, T> words, int maxItems)
        where T : struct
    {
        var items = Array(name, (e, p) => WordOf(e, p, words, Errors) is { } w ? new Box<T>(w) : null, maxItems: maxItems);
        return items?.Select(b => b.Value).ToList();
    }

    private sealed record Box<T>(T Value);

    /// <summary>The array's items, each read by <paramref name="item"/> with its own path; null when absent.</summary>
    public List<T>? Array<T>(string name, Func<JsonElement, string, T?> item, bool required = false, int maxItems = 10_000)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        return Items(value, Field(Path, name), Errors, item, maxItems);
    }

    public static List<T>? Items<T>(JsonElement value, string path, List<InputError> errors, Func<JsonElement, string, T?> item, int maxItems = 10_000)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxItems)
        {
            errors.Add(new InputError(path, Show(value), $"expected a list [ … ] of at most {maxItems} items"));
            return null;
        }

        var result = new List<T>();
        int i = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (item(element, $"{path}[{i++}]") is { } read)
            {
                result.Add(read);
            }
        }

        return result;
    }
}
