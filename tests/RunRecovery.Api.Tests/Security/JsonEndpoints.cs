using System.Text.Json.Nodes;

namespace RunRecovery.Api.Tests.Security;

/// <summary>How a string field is checked: free text is stored and returned verbatim; a formatted one is refused with 400.</summary>
public enum FieldKind
{
    FreeText,
    Formatted,
}

/// <summary>What the JSON endpoints need to be called: a runner's key, their club, a recommendation of theirs.</summary>
public sealed record JsonContext(string Key, Guid ClubId, Guid RecommendationId);

/// <summary>
/// One JSON endpoint of the API: where it is, a valid body, and its string fields. <see cref="ReadBack"/> is a GET
/// that shows what was stored (free text must come back exactly as sent).
/// </summary>
public sealed record JsonEndpoint(
    string Name,
    HttpMethod Method,
    Func<JsonContext, string> Path,
    bool Anonymous,
    Func<JsonObject> ValidBody,
    IReadOnlyDictionary<string, FieldKind> Fields,
    Func<JsonContext, string>? ReadBack = null);

/// <summary>Every endpoint that reads a JSON body (docs/api.md), for the JSON half of the hostile-input matrix.</summary>
public static class JsonEndpoints
{
    public static IReadOnlyList<JsonEndpoint> All { get; } =
    [
        new("create runner", HttpMethod.Post, _ => "/api/runners", Anonymous: true,
            () => new JsonObject { ["name"] = "Runner", ["email"] = $"{Guid.NewGuid():N}@example.org", ["timeZone"] = "UTC" },
            new Dictionary<string, FieldKind> { ["name"] = FieldKind.FreeText, ["email"] = FieldKind.Formatted, ["timeZone"] = FieldKind.Formatted }),
        new("put profile", HttpMethod.Put, _ => "/api/runners/me/profile", Anonymous: false,
            () => new JsonObject { ["timeZone"] = "UTC", ["maxHeartRateBpm"] = 190 },
            new Dictionary<string, FieldKind>
            {
                ["timeZone"] = FieldKind.Formatted, ["webhookUrl"] = FieldKind.Formatted, ["sex"] = FieldKind.Formatted, ["experience"] = FieldKind.Formatted,
            }),
        new("create check-in", HttpMethod.Post, _ => "/api/runners/me/checkins", Anonymous: false,
            () => new JsonObject { ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), ["bodyPart"] = "calves", ["soreness"] = 3, ["note"] = "fine" },
            new Dictionary<string, FieldKind> { ["note"] = FieldKind.FreeText, ["date"] = FieldKind.Formatted, ["bodyPart"] = FieldKind.Formatted },
            ReadBack: _ => "/api/runners/me/checkins"),
        new("create club", HttpMethod.Post, _ => "/api/clubs", Anonymous: false,
            () => new JsonObject { ["name"] = "Harriers" },
            new Dictionary<string, FieldKind> { ["name"] = FieldKind.FreeText },
            ReadBack: _ => "/api/clubs"),
        new("create invite", HttpMethod.Post, c => $"/api/clubs/{c.ClubId}/invites", Anonymous: false,
            () => new JsonObject { ["expiresInHours"] = 24, ["maxUses"] = 5 },
            new Dictionary<string, FieldKind> { ["maxUses"] = FieldKind.Formatted }),
        new("join club", HttpMethod.Post, _ => "/api/clubs/join", Anonymous: false,
            () => new JsonObject { ["code"] = "ABCD-EFGH-JKMN" },
            new Dictionary<string, FieldKind> { ["code"] = FieldKind.Formatted }),
        new("claim managed runner", HttpMethod.Post, _ => "/api/clubs/claim", Anonymous: true,
            () => new JsonObject { ["code"] = "ABCD-EFGH-JKMN" },
            new Dictionary<string, FieldKind> { ["code"] = FieldKind.Formatted }),
        new("add managed runner", HttpMethod.Post, c => $"/api/clubs/{c.ClubId}/managed-runners", Anonymous: false,
            () => new JsonObject { ["name"] = "Managed", ["externalId"] = Guid.NewGuid().ToString("N") },
            new Dictionary<string, FieldKind>
            {
                ["name"] = FieldKind.FreeText, ["externalId"] = FieldKind.FreeText, ["email"] = FieldKind.Formatted, ["timeZone"] = FieldKind.Formatted,
            },
            ReadBack: c => $"/api/clubs/{c.ClubId}/members"),
        new("dismiss recommendation", HttpMethod.Post, c => $"/api/runners/me/recommendations/{c.RecommendationId}/dismiss", Anonymous: false,
            () => new JsonObject { ["reason"] = "no roller" },
            new Dictionary<string, FieldKind> { ["reason"] = FieldKind.FreeText },
            ReadBack: _ => "/api/runners/me/recommendations?status=dismissed"),
    ];

    public static JsonEndpoint Named(string name) => All.Single(endpoint => endpoint.Name == name);

    public static TheoryData<string> Names() => [.. All.Select(endpoint => endpoint.Name)];

    public static TheoryData<string, string> StringFields() =>
        [.. All.SelectMany(endpoint => endpoint.Fields.Keys.Select(field => (endpoint.Name, field)))];

    public static TheoryData<string, string> FieldsOf(FieldKind kind) =>
        [.. All.SelectMany(endpoint => endpoint.Fields.Where(f => f.Value == kind).Select(f => (endpoint.Name, f.Key)))];

    public static TheoryData<string, string> FreeTextFields() => FieldsOf(FieldKind.FreeText);

    public static TheoryData<string, string> FormattedFields() => FieldsOf(FieldKind.Formatted);
}
