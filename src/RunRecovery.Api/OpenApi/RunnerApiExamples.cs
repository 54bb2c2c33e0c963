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
         "activityId":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","day":null,"actedAt":null,"dismissReason":null,"delivery":null,
         "steps":[{"action":"massage","bodyPart":"calves","technique":"long strokes toward the heart","tool":"foam-roller","minutes":6},{"action":"massage","bodyPart":"quadriceps","technique":"slow rolling","tool":"foam-roller","minutes":4}],
         "activityIds":["0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11"],"question":null,"trigger":"run","withdrawnAt":null,"withdrawReason":null}
        """;

    // The stored metrics and load of a scored 10 km run, as GET /api/activities/{id} serves them (enum names as stored).
    private const string Metrics = """
        {"splits":[{"number":1,"movingTime":"00:04:58.4","elapsedTime":"00:05:01.2","distanceMeters":1000,"paceSecondsPerKm":298.4,"averageHeartRateBpm":141,"elevationChangeMeters":4.2}],
         "missing":["cadence"],"startUtc":"2024-05-01T06:02:11+00:00","warnings":[],
         "heartRate":{"flags":[],"maxBpm":171,"minBpm":96,"coverage":0.998,"dropouts":[],"averageBpm":148,"timeInZones":["00:04:10","00:21:35","00:18:02","00:06:14","00:00:00"],"zoneBasis":"max"},
         "movingTime":"00:50:01","elapsedTime":"00:52:00","sampleCount":3121,"ascentMeters":84,"descentMeters":81.6,"distanceMeters":10234.5,"distanceSource":"device",
         "elevationSource":"samples","rawAscentMeters":131.2,"movingTimeSource":"timer","paceSecondsPerKm":293.2,"rawDescentMeters":128.8,"detectedMovingTime":"00:49:52",
         "recordDistanceMeters":10234.5,"geodesicDistanceMeters":10219.7,"gradeAdjustedPaceSecondsPerKm":289.9}
        """;

    private const string Load = """
        {"id":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","fileName":"2024-05-01-morning.fit","sport":"Running","sportClassified":false,"startUtc":"2024-05-01T06:02:11+00:00","endUtc":"2024-05-01T06:54:11+00:00",
         "movingTime":"00:50:01","distanceMeters":10234.5,"localDate":"2024-05-01","cardioLoad":96.4,"cardioMethod":"HeartRateSamples","heartRate":{"maxBpm":186,"restBpm":48,"source":"Profile"},
         "heartRateTrimp":96.4,"reserveFraction":0.72,"paceUnits":0.58,"gradeAdjustedSpeed":3.45,"thresholdSpeed":3.86,"paceCalibration":166.2,"highestHeartRateSeen":171,
         "concentricLoad":{"calves":10.2,"shins":4.1,"quadriceps":8.2,"hamstrings":6.1,"glutes":6.1,"max":10.2,"total":34.7},
         "eccentricLoad":{"calves":1.1,"shins":0.4,"quadriceps":1.6,"hamstrings":0.3,"glutes":0.4,"max":1.6,"total":3.8},
         "rawMuscleLoad":{"calves":11.3,"shins":4.5,"quadriceps":9.8,"hamstrings":6.4,"glutes":6.5,"max":11.3,"total":38.5},
         "novelty":{"calves":1,"shins":1,"quadriceps":1,"hamstrings":1,"glutes":1,"max":1,"total":5},
         "protection":{"calves":0,"shins":0,"quadriceps":0,"hamstrings":0,"glutes":0,"max":0,"total":0},
         "muscleLoad":{"calves":11.3,"shins":4.5,"quadriceps":9.8,"hamstrings":6.4,"glutes":6.5,"max":11.3,"total":38.5},
         "descentMeters":81.6,"recoveryHours":31.5,"loadsRunningMuscles":true,"recoveredUtc":"2024-05-02T14:24:11+00:00"}
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
                {"activity":{{{Activity}}},"metrics":{{{Metrics}}},
                 "loads":[{{{Load}}}],
                 "scoring":{"state":"scored","scoredAt":"2024-05-01T07:10:01+00:00","note":null},
                 "fileLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/file","samplesLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/samples"}
                """,
        }),
        ["PatchActivity"] = ("""{"name":"Tempo with Ana","notes":"Calves tight after 8 km","sport":"running","excludeFromLoad":false}""", new()
        {
            ["200"] = $$$"""
                {"activity":{{{Activity.Replace("\"Morning run\",\"notes\":null", "\"Tempo with Ana\",\"notes\":\"Calves tight after 8 km\"", StringComparison.Ordinal)}}},
                 "metrics":{{{Metrics}}},"loads":null,
                 "scoring":{"state":"pending","scoredAt":"2024-05-01T07:10:01+00:00","note":null},
                 "fileLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/file","samplesLink":"/api/activities/0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11/samples"}
                """,
            ["400"] = """{"title":"One or more values are invalid.","status":400,"errors":{"$.sport":["'jogging': expected one of running, walking, hiking, cycling, swimming, rowing, other"],"$.nmae":["unknown field; expected name, notes, sport or excludeFromLoad"]}}""",
            ["412"] = """{"title":"The activity changed since you read it.","status":412,"detail":"If-Match names none of the activity's current ETag \"5d41402abc4b2a76b9719d911017c592\": read it again (GET), then send your change with the new ETag. Nothing was changed.","code":"stale-etag"}""",
        }),
        ["GetActivitySamples"] = (null, new()
        {
            ["200"] = """{"activityId":"0193f1c2-7a10-7c3e-9a51-3f0d2b6c8e11","startUtc":"2024-05-01T06:02:11+00:00","everySeconds":10,"offsetSeconds":[0,10,20],"heartRateBpm":[101.5,118.2,131],"speedMetersPerSecond":[2.1,3.2,3.3],"cadenceRpm":[80,84,85],"cadence":[160,168,170],"cadenceUnit":"steps/min","powerWatts":[null,null,null],"altitudeMeters":[301.2,301.8,302.4],"distanceMeters":[19.8,52.3,85.1],"latitudeDegrees":[46.05,46.0503,46.0506],"longitudeDegrees":[14.5,14.5,14.5],"speedSource":"device","types":["time","heartRate","speed","cadence","power","altitude","distance","latlng"]}""",
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
        ["ListCheckins"] = (null, new() { ["200"] = """[{"id":"0193f1c9-0000-7000-8000-000000000002","date":"2024-05-02","soreness":{"calves":6},"pain":false,"painBodyParts":[],"sleepQuality":4,"note":null,"createdAt":"2024-05-02T07:00:00+00:00","bodyPart":"calves","painSeverity":0,"painCharacter":null,"redFlags":[],"overallSoreness":null,"restingHeartRateBpm":null}]""" }),
        ["ListRecommendations"] = (null, new() { ["200"] = $"[{Recommendation}]" }),
        ["MarkRecommendationDone"] = (null, new() { ["200"] = Recommendation.Replace("\"upcoming\"", "\"done\"", StringComparison.Ordinal) }),
        ["DismissRecommendation"] = ("""{"reason":"no time tonight"}""", new() { ["200"] = Recommendation.Replace("\"upcoming\"", "\"dismissed\"", StringComparison.Ordinal) }),
        ["GetLoad"] = (null, new()
        {
            ["200"] = """{"asOfUtc":"2024-05-02T08:00:00+00:00","current":{"readiness":"fatigued","remainingRecoveryHours":7.5,"recoveredUtc":"2024-05-02T15:30:00+00:00","acute":38.2,"chronic":31.4,"ratio":1.22,"form":-6.8},"days":[{"date":"2024-05-01","load":96.4,"acute":36.1,"chronic":30.9,"ratio":1.17,"form":-5.2,"monotony":1.1,"strain":420,"readiness":"fatigued","remainingRecoveryHours":24.3}],"scoring":{"upToDate":true,"scoredAt":"2024-05-01T07:10:01+00:00","pendingActivities":0}}""",
        }),
    };

    private const string ProfileExample = """{"birthYear":1988,"sex":"female","maxHeartRateBpm":186,"restingHeartRateBpm":48,"experience":"intermediate","weeklyDistanceKm":40,"tools":["foam-roller"],"massageWindow":{"start":"19:00:00","end":"21:00:00"},"timeZone":"Europe/London","webhookUrl":"https://example.org/runrecovery","webhookSecret":"whsec_…","units":"metric","weightKg":58.5,"wakeTime":"06:30:00","bedTime":"22:30:00"}""";

    /// <summary>Success bodies that are not JSON of a CLR type, declared here with their media type and schema.</summary>
    private static readonly Dictionary<string, (string Status, string MediaType, Func<OpenApiSchema> Schema)> UntypedBodies = new()
    {
        ["GetSchema"] = ("200", "application/schema+json", () => new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A JSON Schema (draft 2020-12) document." }),
        ["ExportRunnerData"] = ("200", "application/zip", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A ZIP archive; manifest.json lists its parts." }),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id)
        {
            return Task.CompletedTask;
        }

        if (UntypedBodies.TryGetValue(id, out var body) && operation.Responses?.TryGetValue(body.Status, out IOpenApiResponse? untyped) == true
            && untyped is OpenApiResponse declared)
        {
            declared.Content ??= new Dictionary<string, OpenApiMediaType>();
            declared.Content.TryAdd(body.MediaType, new OpenApiMediaType { Schema = body.Schema() });
        }

        if (Examples.TryGetValue(id, out var examples))
        {
            SetExamples(operation, examples.Request, examples.Responses);
        }

        if (AccountAndClubExamples.Responses.TryGetValue(id, out var responses))
        {
            SetExamples(operation, null, responses);
        }

        return Task.CompletedTask;
    }

    private static void SetExamples(OpenApiOperation operation, string? request, Dictionary<string, string> responses)
    {
        if (request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (OpenApiMediaType media in requestContent.Values.OfType<OpenApiMediaType>())
            {
                media.Example = JsonNode.Parse(request);
            }
        }

        foreach ((string status, string json) in responses)
        {
            if (operation.Responses?.TryGetValue(status, out IOpenApiResponse? response) == true && response.Content is { } content)
            {
                foreach (OpenApiMediaType media in content.Values.OfType<OpenApiMediaType>())
                {
                    media.Example = JsonNode.Parse(json);
                }
            }
        }
    }
}
