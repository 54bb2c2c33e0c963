using System.Text.Json;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities.Patch;

/// <summary>
/// Reads a merge patch of an activity under a strict contract: the document is an object; unknown and duplicate members,
/// wrong types, a removed name or sport, over-long text and unknown sports are errors keyed by JSON path
/// ("$.sport": ["'jogging': expected one of running, walking, …"]).
/// </summary>
public static class ActivityPatchReader
{
    /// <summary>The sports a runner may give an activity (kebab-case, as <c>sport</c> is written everywhere). Transition
    /// and multisport describe a file's structure, and unknown/generic are what a file says when it says nothing.</summary>
    public static readonly IReadOnlyList<string> Sports = ["running", "walking", "hiking", "cycling", "swimming", "rowing", "other"];

    public static ActivityPatch Read(JsonElement root, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [$"expected a JSON object (a merge patch of the activity), got {Kind(root)}"];
            return new ActivityPatch(null, null, null, null);
        }

        string? name = null, notes = null, sport = null;
        bool? exclude = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in root.EnumerateObject())
        {
            string path = "$." + member.Name;
            if (!seen.Add(member.Name))
            {
                errors[path] = ["appears more than once"];
                continue;
            }

            JsonElement value = member.Value;
            switch (member.Name)
            {
                case "name":
                    name = Text(value, path, ActivityRules.MaxNameLength, removable: false, errors);
                    break;
                case "notes":
                    notes = value.ValueKind == JsonValueKind.Null ? "" : Text(value, path, ActivityRules.MaxNotesLength, removable: true, errors);
                    break;
                case "sport":
                    sport = Text(value, path, 20, removable: false, errors);
                    if (sport is not null && !Sports.Contains(sport, StringComparer.Ordinal))
                    {
                        errors[path] = [$"'{sport}': expected one of {string.Join(", ", Sports)}"];
                        sport = null;
                    }

                    break;
                case "excludeFromLoad":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
                    {
                        exclude = value.ValueKind == JsonValueKind.True;
                    }
                    else
                    {
                        errors[path] = [$"expected true, false or null, got {Kind(value)}"];
                    }

                    break;
                default:
                    errors[path] = ["unknown field; expected name, notes, sport or excludeFromLoad"];
                    break;
            }
        }

        return new ActivityPatch(name, notes, sport, exclude);
    }

    private static string? Text(JsonElement value, string path, int maxLength, bool removable, IDictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            errors[path] = [removable ? "expected a string or null" : "cannot be removed; expected a string"];
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[path] = [$"expected a string, got {Kind(value)}"];
            return null;
        }

        string text = value.GetString()!.Trim(); // a JSON string token always has a value
        if (text.Length > maxLength)
        {
            errors[path] = [$"{text.Length} characters; at most {maxLength}"];
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || (!removable && text.Length == 0) || (!removable && text.Any(char.IsControl)))
        {
            errors[path] = [removable ? "control characters other than line breaks and tabs are not allowed" : "expected a non-empty single-line string"];
            return null;
        }

        return text;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
