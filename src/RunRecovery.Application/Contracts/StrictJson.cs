using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RunRecovery.Application.Errors;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Planning.Input;

namespace RunRecovery.Application.Contracts;

/// <summary>
/// Request bodies read under the same strict contract as the CLI's files (docs/recovery-model.md §9): the Scoring
/// project's <see cref="PlanInput"/> reader, so unknown, duplicate and missing fields, out-of-range numbers and
/// unknown words are errors. Every problem becomes one entry of an RFC 9457 validation problem keyed by its JSON path
/// ("$.bodyPart": ["'calf': expected one of calves, shins, …"]).
/// </summary>
public static class StrictJson
{
    public static async Task<(IReadOnlyList<Checkin> Checkins, IReadOnlyList<string> Paths, bool List)> ReadCheckinsAsync(
        HttpRequest request, int maxItems, CancellationToken cancellationToken)
    {
        using JsonDocument document = await ParseAsync(request, cancellationToken);
        var errors = new List<InputError>();
        var checkins = new List<Checkin>();
        var paths = new List<string>();
        JsonElement root = document.RootElement;
        bool list = root.ValueKind == JsonValueKind.Array;
        if (list && (root.GetArrayLength() == 0 || root.GetArrayLength() > maxItems))
        {
            errors.Add(new InputError("$", null, $"expected 1 to {maxItems} check-ins"));
        }
        else if (list)
        {
            int i = 0;
            foreach (JsonElement item in root.EnumerateArray())
            {
                string path = $"$[{i++}]";
                if (PlanInput.ReadCheckin(item, path, errors) is { } checkin)
                {
                    checkins.Add(checkin);
                    paths.Add(path);
                }
            }
        }
        else if (PlanInput.ReadCheckin(root, "$", errors) is { } checkin)
        {
            checkins.Add(checkin);
            paths.Add("$");
        }

        Throw(errors);
        return (checkins, paths, list);
    }

    public static async Task<RunnerProfile> ReadProfileAsync(HttpRequest request, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        using JsonDocument document = await ParseAsync(request, cancellationToken);
        var errors = new List<InputError>();
        RunnerProfile? profile = PlanInput.ReadProfile(document.RootElement, "$", nowUtc, errors);
        Throw(errors);
        return profile!; // no errors: the reader returned a profile
    }

    /// <summary>One validation-problem entry per problem, keyed by JSON path.</summary>
    public static void Throw(IReadOnlyList<InputError> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors.GroupBy(e => e.Path)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Value is null ? e.Message : $"{e.Value}: {e.Message}").ToArray()));
        }
    }

    /// <summary>The body as a JSON document; not JSON is a validation problem naming the line and byte.</summary>
    // The body size is Kestrel's limit (RequestLimits, 1 MB by default): reading past it throws the 413 the problem
    // handler answers, before the rest is read.
    public static async Task<JsonDocument> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [e.Path is { Length: > 0 } path ? path : "$"] = [$"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})"],
            });
        }
    }
}
