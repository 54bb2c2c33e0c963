using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunRecovery.Application.Contracts;

/// <summary>
/// RFC 7396 JSON Merge Patch: an object member in the patch replaces the target's (recursively for objects), a null
/// member removes it, anything else (arrays included) replaces the whole value. A member named twice in one object of
/// the patch is an error keyed by its JSON path, as the strict contracts treat duplicates.
/// </summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonElement patch, string path, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(patch.GetRawText());
        }

        JsonObject result = target is JsonObject existing ? existing : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in patch.EnumerateObject())
        {
            string memberPath = $"{path}.{member.Name}";
            if (!seen.Add(member.Name))
            {
                errors[memberPath] = ["appears more than once"];
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(member.Name);
                continue;
            }

            JsonNode? current = result[member.Name];
            result.Remove(member.Name);
            result[member.Name] = Apply(current, member.Value, memberPath, errors);
        }

        return result;
    }
}
