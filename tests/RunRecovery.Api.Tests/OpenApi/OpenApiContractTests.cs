using System.Text.Json;
using RunRecovery.Api.Tests.Authorization;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document as an integrator's contract (issue 15): every operation of the live host has a typed
/// success response with an example, problems use the problem schemas, every status the access matrix observes
/// (401, 403, 404, 409) is listed, and every example is valid against its schema.
/// </summary>
public sealed class OpenApiContractTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly string[] ProblemSchemas = ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    private sealed record Operation(string Path, string Method, JsonElement Body)
    {
        public string Id => Body.TryGetProperty("operationId", out JsonElement id) ? id.GetString()! : $"{Method.ToUpperInvariant()} {Path}";

        public IEnumerable<(string Status, JsonElement Response)> Responses =>
            Body.GetProperty("responses").EnumerateObject().Select(response => (response.Name, response.Value));
    }

    [Fact]
    public async Task Every_operation_has_a_typed_success_response_with_an_example()
    {
        (_, Operation[] operations) = await DocumentAsync();
        var failures = new List<string>();
        foreach (Operation operation in operations)
        {
            (string Status, JsonElement Response)[] successes = [.. operation.Responses.Where(response => response.Status.StartsWith('2'))];
            if (successes.Length == 0)
            {
                failures.Add($"{operation.Id}: no success response");
            }

            foreach ((string status, JsonElement response) in successes.Where(response => response.Status != "204"))
            {
                if (!response.TryGetProperty("content", out JsonElement content) || !content.EnumerateObject().Any())
                {
                    failures.Add($"{operation.Id} {status}: no content type or schema");
                    continue;
                }

                foreach (JsonProperty media in content.EnumerateObject())
                {
                    if (!media.Value.TryGetProperty("schema", out JsonElement schema) || !IsTyped(schema))
                    {
                        failures.Add($"{operation.Id} {status} {media.Name}: no typed schema");
                    }

                    if (IsJson(media.Name) && !media.Value.TryGetProperty("example", out _))
                    {
                        failures.Add($"{operation.Id} {status} {media.Name}: no example");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(operations.Length >= 37, $"only {operations.Length} operations in the document");
    }

    [Fact]
    public async Task Problem_responses_use_the_problem_details_schemas()
    {
        (_, Operation[] operations) = await DocumentAsync();
        string[] failures =
        [
            .. from operation in operations
               from response in operation.Responses
               where response.Status[0] is '4' or '5'
               let schemas = response.Response.TryGetProperty("content", out JsonElement content)
                   ? content.EnumerateObject().Select(media => media.Value.TryGetProperty("schema", out JsonElement schema) && schema.TryGetProperty("$ref", out JsonElement reference) ? reference.GetString() : null).ToArray()
                   : []
               where schemas.Length == 0 || schemas.Any(schema => !ProblemSchemas.Contains(schema))
               select $"{operation.Id} {response.Status}: {(schemas.Length == 0 ? "no content" : string.Join(", ", schemas))}",
        ];

        Assert.True(failures.Length == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_error_status_the_access_matrix_observes_is_documented()
    {
        (_, Operation[] operations) = await DocumentAsync();
        Dictionary<string, Operation> byRoute = operations.ToDictionary(operation => $"{operation.Method} {operation.Path}", StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (AccessMatrix.Row row in AccessMatrix.Endpoints.Select(AccessMatrix.Parse).Where(row => row.Route.StartsWith("/api/", StringComparison.Ordinal)))
        {
            string route = $"{row.Method.ToLowerInvariant()} {row.Route.Replace(":guid", "", StringComparison.Ordinal)}";
            Assert.True(byRoute.TryGetValue(route, out Operation? operation), $"{route} is routed but not in the OpenAPI document");
            string[] documented = [.. operation.Responses.Select(response => response.Status)];
            failures.AddRange(row.Expected.Values.Where(status => status >= 400).Distinct()
                .Select(status => status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Where(status => !documented.Contains(status))
                .Select(status => $"{operation.Id} ({route}) answers {status} but does not list it"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Club_routes_list_their_401_and_403()
    {
        (_, Operation[] operations) = await DocumentAsync();
        Operation[] clubs = [.. operations.Where(operation => operation.Path.StartsWith("/api/clubs", StringComparison.Ordinal))];
        Assert.NotEmpty(clubs);
        foreach (Operation operation in clubs.Where(operation => operation.Body.TryGetProperty("security", out _)))
        {
            Assert.Contains("401", operation.Responses.Select(response => response.Status));
        }

        // Admins' actions (docs/clubs.md): a member who is not an admin gets 403.
        foreach (Operation operation in clubs.Where(operation => operation.Path.Contains("/{clubId}/", StringComparison.Ordinal)
                     && !operation.Path.EndsWith("/members/me", StringComparison.Ordinal)))
        {
            Assert.True(operation.Responses.Any(response => response.Status == "403"), $"{operation.Id} does not list 403");
        }
    }

    [Fact]
    public async Task Every_post_documents_the_idempotency_key_header_and_its_409_and_422()
    {
        (_, Operation[] operations) = await DocumentAsync();
        Operation[] posts = [.. operations.Where(operation => operation.Method == "post")];
        Assert.NotEmpty(posts);
        foreach (Operation operation in posts)
        {
            Assert.True(
                operation.Body.TryGetProperty("parameters", out JsonElement parameters)
                    && parameters.EnumerateArray().Any(parameter => parameter.GetProperty("name").GetString() == "Idempotency-Key" && parameter.GetProperty("in").GetString() == "header"),
                $"{operation.Id} does not document Idempotency-Key");
            Assert.Contains("409", operation.Responses.Select(response => response.Status));
            Assert.Contains("422", operation.Responses.Select(response => response.Status));
        }
    }

    [Fact]
    public async Task Every_example_is_valid_against_its_schema()
    {
        (JsonElement document, Operation[] operations) = await DocumentAsync();
        var check = new SchemaCheck(document);
        var failures = new List<string>();
        int examples = 0;
        foreach (Operation operation in operations)
        {
            IEnumerable<(string Where, JsonElement Content)> contents = operation.Responses
                .Where(response => response.Response.TryGetProperty("content", out _))
                .Select(response => (response.Status, response.Response.GetProperty("content")));
            if (operation.Body.TryGetProperty("requestBody", out JsonElement request) && request.TryGetProperty("content", out JsonElement requestContent))
            {
                contents = contents.Append(("request", requestContent));
            }

            foreach ((string where, JsonElement content) in contents)
            {
                foreach (JsonProperty media in content.EnumerateObject().Where(media => media.Value.TryGetProperty("example", out _) && media.Value.TryGetProperty("schema", out _)))
                {
                    examples++;
                    failures.AddRange(check.Errors(media.Value.GetProperty("example"), media.Value.GetProperty("schema"), $"{operation.Id} {where} {media.Name} $"));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(examples >= 37, $"only {examples} examples checked");
    }

    [Fact]
    public async Task Every_property_of_every_schema_is_typed()
    {
        (JsonElement document, _) = await DocumentAsync();
        string[] untyped =
        [
            .. from schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject()
               where schema.Value.TryGetProperty("properties", out _)
               from property in schema.Value.GetProperty("properties").EnumerateObject()
               where !IsTyped(property.Value)
               select $"{schema.Name}.{property.Name}: {property.Value.GetRawText()}",
        ];

        Assert.True(untyped.Length == 0, string.Join('\n', untyped));
    }

    [Fact]
    public async Task The_queue_item_schema_lists_its_fields_in_contract_order_each_required()
    {
        // The shared content (Scoring's RecommendationContent) is a base record the view takes as one constructor
        // parameter; the ConstructorOrder rule writes it in place and keeps its fields required, as they were when the
        // view listed them itself (docs/decisions/boundary-mirrors.md, "3: a fifth look").
        (JsonElement document, _) = await DocumentAsync();
        JsonElement schema = document.GetProperty("components").GetProperty("schemas").GetProperty("RecommendationView");
        string[] fields =
        [
            "id", "key", "kind", "status", "bodyParts", "technique", "tool", "durationMinutes", "dueUtc", "expiresUtc", "priority", "reasons",
            "sources", "activityId", "day", "actedAt", "dismissReason", "delivery", "steps", "activityIds", "question", "trigger", "withdrawnAt",
            "withdrawReason",
        ];

        Assert.Equal(fields, schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(fields, schema.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
    }

    private static bool IsTyped(JsonElement schema) =>
        new[] { "type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const" }.Any(keyword => schema.TryGetProperty(keyword, out _));

    private static bool IsJson(string mediaType) =>
        mediaType.EndsWith("/json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private async Task<(JsonElement Document, Operation[] Operations)> DocumentAsync()
    {
        using HttpResponseMessage response = await host.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        JsonElement document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Operation[] operations =
        [
            .. from path in document.GetProperty("paths").EnumerateObject()
               from method in path.Value.EnumerateObject()
               where Methods.Contains(method.Name)
               select new Operation(path.Name, method.Name, method.Value),
        ];
        return (document, operations);
    }
}
