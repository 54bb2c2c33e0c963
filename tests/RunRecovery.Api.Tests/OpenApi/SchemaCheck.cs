using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunRecovery.Api.Tests.OpenApi;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.1 schema of the served document: <c>$ref</c>, <c>oneOf</c>/<c>anyOf</c>,
/// <c>enum</c>, <c>type</c>, <c>pattern</c>, the <c>date-time</c>/<c>date</c>/<c>uuid</c> formats, <c>required</c>,
/// <c>properties</c>, <c>additionalProperties</c> and <c>items</c> (what the generator emits). Stricter than JSON
/// Schema in one way: a member the schema does not list is an error unless the schema allows additional properties,
/// so an example cannot drift from the type it shows.
/// </summary>
internal sealed class SchemaCheck(JsonElement document)
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    public List<string> Errors(JsonElement value, JsonElement schema, string path)
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            Check(value, Resolve(reference.GetString()!), path, errors);
            return;
        }

        foreach (string combinator in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(combinator, out JsonElement branches)
                && !branches.EnumerateArray().Any(branch => Errors(value, branch, path).Count == 0))
            {
                errors.Add($"{path}: matches no branch of {combinator}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out JsonElement allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !Types(type).Any(name => Is(value, name)))
        {
            errors.Add($"{path}: {value.ValueKind} where the schema says {type.GetRawText()}");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(value.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(value, schema, path, errors);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out JsonElement items):
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{index++}]", errors);
                }

                break;
            default:
                break;
        }
    }

    private static void CheckString(string text, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out JsonElement pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, PatternTimeout))
        {
            errors.Add($"{path}: '{text}' does not match {pattern.GetString()}");
        }

        bool valid = (schema.TryGetProperty("format", out JsonElement format) ? format.GetString() : null) switch
        {
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "uuid" => Guid.TryParse(text, out _),
            _ => true,
        };
        if (!valid)
        {
            errors.Add($"{path}: '{text}' is not a {format.GetString()}");
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out JsonElement required))
        {
            errors.AddRange(required.EnumerateArray()
                .Where(name => !value.TryGetProperty(name.GetString()!, out _))
                .Select(name => $"{path}: required member '{name.GetString()}' is missing"));
        }

        bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties);
        bool hasAdditional = schema.TryGetProperty("additionalProperties", out JsonElement additional);
        foreach (JsonProperty member in value.EnumerateObject())
        {
            string at = $"{path}.{member.Name}";
            if (hasProperties && properties.TryGetProperty(member.Name, out JsonElement memberSchema))
            {
                Check(member.Value, memberSchema, at, errors);
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
            {
                Check(member.Value, additional, at, errors);
            }
            else if (hasProperties && !(hasAdditional && additional.ValueKind == JsonValueKind.True))
            {
                errors.Add($"{at}: not a member of the schema");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/components/schemas/";
        Assert.StartsWith(Prefix, reference);
        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[Prefix.Length..]);
    }

    private static IEnumerable<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(name => name.GetString()!) : [type.GetString()!];

    private static bool Is(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number) && number == decimal.Truncate(number),
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };
}
