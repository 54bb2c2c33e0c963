namespace RunRecovery.Api.OpenApi;

/// <summary>
/// Success examples of the account, splits and club operations (by operation id), taken from real answers of the
/// service and shortened; <see cref="RunnerApiExamples"/> applies them. OpenApiContractTests validates each against
/// its schema.
/// </summary>
internal static class AccountAndClubExamples
{
    private const string Runner = """{"id":"0193f1c0-1d2e-7a40-8b11-5c3a9e0f4d21","name":"Ana Novak","email":"ana@example.org","timeZone":"Europe/Ljubljana","createdAt":"2024-04-28T18:12:05.903987+00:00"}""";
    private const string Club = """{"id":"0193f1d0-4b7e-7f10-9c22-8e5d1a3b6c70","name":"Ljubljana Harriers","role":"admin","memberCount":12,"createdAt":"2024-04-29T09:30:00+00:00"}""";
    private const string Import = """
        {"id":"0193f1d4-2a00-7b00-8000-0000000000a1","clubId":"0193f1d0-4b7e-7f10-9c22-8e5d1a3b6c70","state":"running","fileName":"harriers-2024.zip","sizeBytes":48211968,"layout":"folders",
         "counts":{"seen":420,"imported":401,"duplicates":12,"skipped":3,"failed":4},"createdAt":"2024-05-01T08:00:00+00:00","startedAt":"2024-05-01T08:00:01+00:00","finishedAt":null,
         "entriesPerSecond":61.4,"runsPerSecond":58.6,"error":null,"problems":[{"path":"ana/2024-03-02.fit","outcome":"failed","code":"truncated","message":"The input ends at byte 42020, inside the record that starts at byte 42011."}],"attempts":1}
        """;

    public static readonly Dictionary<string, Dictionary<string, string>> Responses = new()
    {
        ["CreateRunner"] = new() { ["201"] = $$"""{"runner":{{Runner}},"apiKey":"rr_fm7-Fmtqj6BaKZE2Ve25wg-AJMMK94Dh39ZwXNNu1r0","recoveryCode":"ZV5Q-QXH7-RQ53-KYK6-YKPM-HVQ9-8H2A-Q0CE"}""" },
        ["RecoverAccount"] = new() { ["200"] = $$"""{"runner":{{Runner}},"apiKey":"rr_1XirBFYySxWwENq8BK71qBDKuTcLSuf-mUGeIkD2NX0","recoveryCode":"8HH4-V34T-VYA7-Y81T-JDZ5-4HQH-8BF9-RK63"}""" },
        ["GetCurrentRunner"] = new() { ["200"] = Runner },
        ["RotateApiKey"] = new() { ["200"] = """{"apiKey":"rr_1XirBFYySxWwENq8BK71qBDKuTcLSuf-mUGeIkD2NX0","issuedAt":"2024-05-01T07:15:27.2393479+00:00"}""" },
        ["IssueRecoveryCode"] = new() { ["200"] = """{"recoveryCode":"8HH4-V34T-VYA7-Y81T-JDZ5-4HQH-8BF9-RK63","issuedAt":"2024-05-01T07:16:24.2913492+00:00"}""" },
        ["GetSchema"] = new()
        {
            ["200"] = """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://runrecovery.example/api/schemas/profile.schema.json","title":"Runner profile","type":"object","additionalProperties":false,"properties":{"maxHeartRateBpm":{"type":["integer","null"],"minimum":100,"maximum":240}}}""",
        },
        ["GetActivitySplits"] = new()
        {
            ["200"] = """
                {"activityId":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","unit":"km","splitMeters":1000,"splits":[
                 {"number":1,"distanceMeters":1000,"elapsedSeconds":301.2,"movingSeconds":298.4,"paceSecondsPerKm":298.4,"averageHeartRateBpm":141,"elevationChangeMeters":4.2},
                 {"number":11,"distanceMeters":234.5,"elapsedSeconds":69.8,"movingSeconds":69.8,"paceSecondsPerKm":297.7,"averageHeartRateBpm":163,"elevationChangeMeters":-1}]}
                """,
        },
        ["CreateClub"] = new() { ["201"] = Club },
        ["ListMyClubs"] = new() { ["200"] = $"[{Club}]" },
        ["GetClub"] = new() { ["200"] = Club },
        ["JoinClub"] = new() { ["200"] = Club.Replace("\"admin\"", "\"member\"", StringComparison.Ordinal) },
        ["CreateClubInvite"] = new()
        {
            ["201"] = """{"id":"0193f1d1-0000-7000-8000-000000000003","clubId":"0193f1d0-4b7e-7f10-9c22-8e5d1a3b6c70","code":"7KQ2-M9XD-4HTW-P0RA","expiresAt":"2024-05-08T09:30:00+00:00","maxUses":1}""",
        },
        ["AddManagedRunner"] = new()
        {
            ["201"] = """{"runnerId":"0193f1d2-0000-7000-8000-000000000004","name":"Luka Kranjc","email":null,"externalId":"M-0412","claimCode":"Q3WM-8ZRT-6V1K-JX4P"}""",
        },
        ["ClaimManagedRunner"] = new()
        {
            ["200"] = """{"runner":{"id":"0193f1d2-0000-7000-8000-000000000004","name":"Luka Kranjc","email":"luka@example.org","timeZone":"Europe/Ljubljana","createdAt":"2024-04-30T10:00:00+00:00"},"apiKey":"rr_Zb0u4T2mVh8qL1xN6cR9sWk3yE5aP7dG0fJ2iO4nU6t","recoveryCode":"J2KX-7ZRW-M4QD-9T1B-HC6V-P8NA-3YEF-G5S0"}""",
        },
        ["ListClubMembers"] = new()
        {
            ["200"] = """
                [{"runnerId":"0193f1c0-1d2e-7a40-8b11-5c3a9e0f4d21","name":"Ana Novak","email":"ana@example.org","externalId":null,"role":"member","managed":false,"readiness":"fatigued","ratio":1.22,
                  "remainingRecoveryHours":7.5,"weekDistanceMeters":42180.4,"weekMovingSeconds":14820,"weekActivities":4,"topDueRecommendation":null,"lastActivityUtc":"2024-05-01T06:02:11+00:00"},
                 {"runnerId":"0193f1d2-0000-7000-8000-000000000004","name":"Luka Kranjc","email":null,"externalId":"M-0412","role":"member","managed":true,"readiness":"fresh","ratio":null,
                  "remainingRecoveryHours":0,"weekDistanceMeters":0,"weekMovingSeconds":0,"weekActivities":0,"topDueRecommendation":null,"lastActivityUtc":null}]
                """,
        },
        ["StartClubImport"] = new() { ["202"] = Import.Replace("\"running\"", "\"queued\"", StringComparison.Ordinal) },
        ["GetClubImport"] = new() { ["200"] = Import },
        ["CancelClubImport"] = new() { ["202"] = Import.Replace("\"running\"", "\"cancelled\"", StringComparison.Ordinal) },
    };
}
