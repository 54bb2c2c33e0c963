using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Contracts;

/// <summary>
/// The one place the API's JSON conventions live (issue 15), applied to the HTTP JSON options, so every route, the
/// runner's data export and the OpenAPI document follow them:
/// <list type="bullet">
/// <item>numbers rounded to their meaning by the property's name (<see cref="DigitsFor"/>): metres to 0.1, seconds
/// to 0.001, degrees to 1e-7 (about 1 cm), anything else to 0.001;</item>
/// <item>durations in seconds: a duration in hours (<c>recoveryHours</c>) gets its <c>…Seconds</c> beside it, and a
/// "hh:mm:ss" duration in stored results (<c>metrics.movingTime</c>) gets <c>movingSeconds</c> beside it; the older
/// forms stay for existing clients and are deprecated (docs/api.md, "JSON conventions");</item>
/// <item>enumeration words in kebab-case: enums the API serializes, and enum names inside stored results
/// (<c>loads[].sport</c> "Running" → "running");</item>
/// <item>a record marked for it (the recommendation items) in its constructor's order (<see cref="ConstructorOrder"/>,
/// shared with <c>runrecovery plan --json</c>).</item>
/// </list>
/// Stored results (<c>activities.metrics</c>, <c>activities.loads</c>) keep their stored form; the conventions apply
/// as they are written out.
/// </summary>
public static class ApiJsonConventions
{
    private static readonly JsonNamingPolicy Kebab = JsonNamingPolicy.KebabCaseLower;

    /// <summary>Names of the enums whose values the stored results may hold (Scoring, Analysis, Formats).</summary>
    private static readonly Lazy<HashSet<string>> EnumWords = new(() =>
    [
        .. new[] { "RunRecovery.Scoring", "RunRecovery.Analysis", "RunRecovery.Formats" }
            .Select(TryLoad).OfType<Assembly>()
            .SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum)
            .SelectMany(Enum.GetNames),
    ]);

    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(Kebab));
        options.Converters.Add(new StoredResultConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(ConstructorOrder.Modifier)
            .WithAddedModifier(RoundAndAddSeconds);
    }

    /// <summary>Decimals a number keeps, by its JSON property name.</summary>
    public static int DigitsFor(string? name) => name switch
    {
        null => 3,
        "splitMeters" => 3, // a defined length (the mile, 1609.344 m), not a measurement
        _ when name.EndsWith("Degrees", StringComparison.OrdinalIgnoreCase)
            || name is "latitude" or "longitude" or "lat" or "lng" or "lon" => 7,
        _ when name.EndsWith("Meters", StringComparison.Ordinal) || name is "distance" or "altitude" or "elevation" => 1,
        _ => 3,
    };

    public static double Round(double value, string? name) => double.IsFinite(value) ? Math.Round(value, DigitsFor(name), MidpointRounding.AwayFromZero) : value;

    private static void RoundAndAddSeconds(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var names = info.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < info.Properties.Count; i++)
        {
            JsonPropertyInfo property = info.Properties[i];
            if (property.Get is not { } get)
            {
                continue;
            }

            string name = property.Name;
            if (property.PropertyType == typeof(double) || property.PropertyType == typeof(double?))
            {
                property.Get = owner => get(owner) is double value ? Round(value, name) : null;
                if (name.EndsWith("Hours", StringComparison.Ordinal) && names.Add(name[..^"Hours".Length] + "Seconds"))
                {
                    JsonPropertyInfo seconds = info.CreateJsonPropertyInfo(typeof(double?), name[..^"Hours".Length] + "Seconds");
                    seconds.Get = owner => get(owner) is double hours ? Math.Round(hours * 3600, 3, MidpointRounding.AwayFromZero) : null;
                    info.Properties.Insert(++i, seconds);
                }
            }
            else if (property.PropertyType.IsAssignableFrom(typeof(double?[])) && property.PropertyType != typeof(object))
            {
                // Rounded as written, not copied first (a series of 137,500 rows is an array on the large object heap per stream).
                bool lazy = property.PropertyType.IsAssignableFrom(typeof(Rounded<double?>));
                property.Get = owner => get(owner) switch
                {
                    IReadOnlyList<double?> list when lazy => new Rounded<double?>(list, v => v is { } d ? Round(d, name) : null),
                    IEnumerable<double?> values => values.Select(v => v is { } d ? Round(d, name) : (double?)null).ToArray(),
                    _ => null,
                };
            }
            else if (property.PropertyType.IsAssignableFrom(typeof(double[])) && property.PropertyType != typeof(object))
            {
                bool lazy = property.PropertyType.IsAssignableFrom(typeof(Rounded<double>));
                property.Get = owner => get(owner) switch
                {
                    IReadOnlyList<double> list when lazy => new Rounded<double>(list, d => Round(d, name)),
                    IEnumerable<double> values => values.Select(d => Round(d, name)).ToArray(),
                    _ => null,
                };
            }
        }
    }

    /// <summary>A read-only list's values rounded as they are read.</summary>
    private sealed class Rounded<T>(IReadOnlyList<T> values, Func<T, T> round) : IReadOnlyList<T>
    {
        public int Count => values.Count;

        public T this[int index] => round(values[index]);

        public IEnumerator<T> GetEnumerator()
        {
            foreach (T value in values)
            {
                yield return round(value);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes a <see cref="JsonElement"/> (the stored results) with the conventions; reads one as is.</summary>
    private sealed class StoredResultConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonElement.ParseValue(ref reader);

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => WriteValue(writer, value, null);

        private static void WriteValue(Utf8JsonWriter writer, JsonElement value, string? name)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    var names = value.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                    foreach (JsonProperty property in value.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value, property.Name);
                        if (SecondsOf(property) is { } seconds && names.Add(seconds.Name))
                        {
                            writer.WriteNumber(seconds.Name, seconds.Value);
                        }
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (JsonElement item in value.EnumerateArray())
                    {
                        WriteValue(writer, item, name);
                    }

                    writer.WriteEndArray();
                    break;
                case JsonValueKind.Number when value.TryGetInt64(out long whole):
                    writer.WriteNumberValue(whole);
                    break;
                case JsonValueKind.Number:
                    writer.WriteNumberValue(Round(value.GetDouble(), name));
                    break;
                case JsonValueKind.String when value.GetString() is { } text && EnumWords.Value.Contains(text):
                    writer.WriteStringValue(Kebab.ConvertName(text));
                    break;
                default:
                    value.WriteTo(writer);
                    break;
            }
        }

        /// <summary>
        /// The seconds beside a duration: <c>recoveryHours</c> → <c>recoverySeconds</c>, <c>movingTime</c> "00:41:39" →
        /// <c>movingSeconds</c>, <c>utcOffset</c> "02:00:00" → <c>utcOffsetSeconds</c>.
        /// </summary>
        private static (string Name, double Value)? SecondsOf(JsonProperty property)
        {
            if (property.Name.EndsWith("Hours", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Number)
            {
                return (property.Name[..^"Hours".Length] + "Seconds", Math.Round(property.Value.GetDouble() * 3600, 3, MidpointRounding.AwayFromZero));
            }

            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } text && text.Contains(':', StringComparison.Ordinal)
                && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out TimeSpan duration))
            {
                string stem = property.Name.EndsWith("Time", StringComparison.Ordinal) ? property.Name[..^"Time".Length] : property.Name;
                return (stem + "Seconds", Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero));
            }

            return null;
        }
    }
}
