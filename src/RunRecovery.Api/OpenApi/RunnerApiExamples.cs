using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunRecovery.Api.OpenApi;

/// <summary>Adds a request and response example to each runner API operation (by operation id), so /docs shows real shapes.</summary>
internal sealed class RunnerApiExamples : IOpenApiOperationTransformer
{
    private const string Activity = """
        {"id":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","fileName":"2024-05-01-morning.fit","format":"fit","sport":"running",
         "startUtc":"2024-05-01T06:02:11+00:00","distanceMeters":10234.5,"movingSeconds":3001,"elapsedSeconds":3120,
         "scoringState":"scored","recoveryHours":31.5,"uploadedAt":"2024-05-01T07:10:00+00:00",
         "link":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","name":"Morning run","notes":null,"excludeFromLoad":false}
        """;

    private const string Recommendation = """
        {"id":"0193f1c3-0000-7000-8000-000000000001","key":"massage|calves,quadriceps|0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11|2024-05-01T19:00Z",
         "kind":"massage","status":"upcoming","bodyParts":["calves","quadriceps"],"technique":"long strokes toward the heart","tool":"foam-roller",
         "durationMinutes":10,"dueUtc":"2024-05-01T19:00:00+00:00","expiresUtc":"2024-05-02T19:00:00+00:00","priority":80,
         "reasons":["Calves carried 38 % of this run's muscular load."],"sources":["docs/recovery-model.md §7"],
         "activityId":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","day":null,"actedAt":null,"dismissReason":null,"delivery":null}
        """;

    private static readonly Dictionary<string, (string? Request, Dictionary<string, string> Responses)> Examples = new()
    {
        ["UploadActivities"] = (null, new()
        {
            ["201"] = """{"files":[{"fileName":"2024-05-01-morning.fit","outcome":"created","status":201,"link":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","activity":""" + Activity + "}]}",
            ["200"] = """{"files":[{"fileName":"phone.gpx","outcome":"duplicate","status":200,"link":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","duplicateOf":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","duplicateReason":"same-activity"}]}""",
            ["422"] = """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"The file could not be read.","status":422,"detail":"The input ends at byte 42020, inside the record that starts at byte 42011.","code":"truncated","offset":42020,"fileName":"cut.fit","traceId":"00-…"}""",
            ["415"] = """{"title":"The file is not a supported activity format.","status":415,"detail":"notes.txt: not a FIT, GPX, TCX, gzip or ZIP file (starts with 68 65 6C 6C).","code":"unsupported-format","offset":0}""",
            ["413"] = """{"title":"The file is too large.","status":413,"detail":"Files may be at most 52428800 bytes.","code":"too-large"}""",
            ["429"] = """{"title":"Too many uploads.","status":429,"detail":"This API key has used its uploads for now; try again in 42 s."}""",
        }),
        ["ListActivities"] = (null, new() { ["200"] = "{\"items\":[" + Activity + """],"nextCursor":"NjM4NTAwMDAwMDAwMDAwMDAwOjAxOTNmMWMy"}""" }),
        ["GetActivity"] = (null, new()
        {
            ["200"] = $$$"""
                {"activity":{{{Activity}}},"metrics":{"startUtc":"2024-05-01T06:02:11+00:00","distanceMeters":10234.5,"movingTime":"00:50:01","ascentMeters":84,"heartRate":{"averageBpm":148,"maxBpm":171}},
                 "loads":[{"id":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","cardioLoad":96.4,"cardioMethod":"HeartRateSamples","recoveryHours":31.5,"muscleLoad":{"calves":41.2,"quadriceps":30.8}}],
                 "scoring":{"state":"scored","scoredAt":"2024-05-01T07:10:01+00:00","note":null},
                 "fileLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/file","samplesLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/samples","sessions":[]}
                """,
        }),
        ["PatchActivity"] = ("""{"name":"Tempo with Ana","notes":"Calves tight after 8 km","sport":"running","excludeFromLoad":false}""", new()
        {
            ["200"] = $$$"""
                {"activity":{{{Activity.Replace("\"Morning run\",\"notes\":null", "\"Tempo with Ana\",\"notes\":\"Calves tight after 8 km\"", StringComparison.Ordinal)}}},
                 "metrics":{"startUtc":"2024-05-01T06:02:11+00:00","distanceMeters":10234.5,"movingTime":"00:50:01"},"loads":null,
                 "scoring":{"state":"pending","scoredAt":"2024-05-01T07:10:01+00:00","note":null},
                 "fileLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/file","samplesLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/samples","sessions":[]}
                """,
            ["400"] = """{"title":"One or more values are invalid.","status":400,"errors":{"$.sport":["'jogging': expected one of running, walking, hiking, cycling, swimming, rowing, other"],"$.nmae":["unknown field; expected name, notes, sport or excludeFromLoad"]}}""",
            ["412"] = """{"title":"The activity changed since you read it.","status":412,"detail":"If-Match names none of the activity's current ETag \"5d41402abc4b2a76b9719d911017c592\": read it again (GET), then send your change with the new ETag. Nothing was changed.","code":"stale-etag"}""",
        }),
        ["GetActivitySamples"] = (null, new()
        {
            ["200"] = """{"activityId":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","startUtc":"2024-05-01T06:02:11+00:00","everySeconds":10,"offsetSeconds":[0,10,20],"heartRateBpm":[101.5,118.2,131],"speedMetersPerSecond":[2.1,3.2,3.3],"cadenceRpm":[80,84,85],"powerWatts":[null,null,null],"altitudeMeters":[301.2,301.8,302.4],"distanceMeters":[19.8,52.3,85.1],"latitudeDegrees":[46.05,46.0503,46.0506],"longitudeDegrees":[14.5,14.5,14.5]}""",
        }),
        ["GetProfile"] = (null, new() { ["200"] = ProfileExample }),
        ["PutProfile"] = ("""{"birthYear":1988,"sex":"female","maxHeartRateBpm":186,"restingHeartRateBpm":48,"experience":"intermediate","weeklyDistanceKm":40,"tools":["foam-roller"],"massageWindow":{"start":"19:00","end":"21:00"},"timeZone":"Europe/London","webhookUrl":"https://example.org/runrecovery"}""", new() { ["200"] = ProfileExample }),
        ["PatchProfile"] = ("""{"maxHeartRateBpm":186,"massageWindow":{"end":"21:00"},"webhookUrl":null}""", new()
        {
            ["200"] = ProfileExample,
            ["400"] = """{"title":"One or more values are invalid.","status":400,"errors":{"$.maxHeartRateBpm":["999: expected a whole number from 100 to 240 bpm"]}}""",
        }),
        ["CreateCheckin"] = ("""{"date":"2024-05-02","bodyPart":"calves","soreness":6,"pain":3,"painCharacter":"aching","sleepQuality":4,"note":"stiff calves on the stairs"}""", new()
        {
            ["201"] = """{"id":"0193f1c9-0000-7000-8000-000000000002","date":"2024-05-02","soreness":{"calves":6},"pain":true,"painBodyParts":["calves"],"sleepQuality":4,"note":"stiff calves on the stairs","createdAt":"2024-05-02T07:00:00+00:00","bodyPart":"calves","painSeverity":3,"painCharacter":"aching","redFlags":[],"overallSoreness":null,"restingHeartRateBpm":null}""",
        }),
        ["ListCheckins"] = (null, new() { ["200"] = """[{"id":"0193f1c9-0000-7000-8000-000000000002","date":"2024-05-02","soreness":{"calves":6},"pain":false,"painBodyParts":[],"sleepQuality":4,"note":null,"createdAt":"2024-05-02T07:00:00+00:00"}]""" }),
        ["ListRecommendations"] = (null, new() { ["200"] = $"[{Recommendation}]" }),
        ["MarkRecommendationDone"] = (null, new() { ["200"] = Recommendation.Replace("\"upcoming\"", "\"done\"", StringComparison.Ordinal) }),
        ["DismissRecommendation"] = ("""{"reason":"no time tonight"}""", new() { ["200"] = Recommendation.Replace("\"upcoming\"", "\"dismissed\"", StringComparison.Ordinal) }),
        ["GetLoad"] = (null, new()
        {
            ["200"] = """{"asOfUtc":"2024-05-02T08:00:00+00:00","current":{"readiness":"fatigued","remainingRecoveryHours":7.5,"recoveredUtc":"2024-05-02T15:30:00+00:00","acute":38.2,"chronic":31.4,"ratio":1.22,"form":-6.8},"days":[{"date":"2024-05-01","load":96.4,"acute":36.1,"chronic":30.9,"ratio":1.17,"form":-5.2,"monotony":1.1,"strain":420,"readiness":"fatigued","remainingRecoveryHours":24.3}],"scoring":{"upToDate":true,"scoredAt":"2024-05-01T07:10:01+00:00","pendingActivities":0}}""",
        }),
    };

    private const string ProfileExample = """{"birthYear":1988,"sex":"female","maxHeartRateBpm":186,"restingHeartRateBpm":48,"experience":"intermediate","weeklyDistanceKm":40,"tools":["foam-roller"],"massageWindow":{"start":"19:00:00","end":"21:00:00"},"timeZone":"Europe/London","webhookUrl":"https://example.org/runrecovery","webhookSecret":"whsec_…"}""";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !Examples.TryGetValue(id, out var examples))
        {
            return Task.CompletedTask;
        }

        if (examples.Request is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (OpenApiMediaType media in requestContent.Values.OfType<OpenApiMediaType>())
            {
                media.Example = JsonNode.Parse(request);
            }
        }

        foreach ((string status, string json) in examples.Responses)
        {
            if (operation.Responses?.TryGetValue(status, out IOpenApiResponse? response) == true && response.Content is { } content)
            {
                foreach (OpenApiMediaType media in content.Values.OfType<OpenApiMediaType>())
                {
                    media.Example = JsonNode.Parse(json);
                }
            }
        }

        return Task.CompletedTask;
    }
}
