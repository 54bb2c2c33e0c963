using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// The JSON half of the hostile-input matrix (docs/security.md, "Hostile input"): every JSON endpoint × absurd
/// sizes, deep nesting, NUL characters and SQL/HTML metacharacters in every string field.
/// </summary>
public sealed class HostileJsonTests(HostileHost host) : IClassFixture<HostileHost>
{
    /// <summary>SQL and HTML metacharacters, a quote, a right-to-left override and an emoji, in one value.</summary>
    public const string Metacharacters = "'; DROP TABLE runners;--<script>alert(1)</script>\" \u202Eevil 🏃‍♀️";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(JsonEndpoints.FreeTextFields), MemberType = typeof(JsonEndpoints))]
    public async Task Metacharacters_in_free_text_are_stored_and_returned_verbatim_as_json(string endpointName, string field)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string value = field == "externalId" ? Metacharacters.Replace('/', '|') : Metacharacters; // external ids refuse '/'

        using HttpResponseMessage response = await SendAsync(endpoint, context, With(endpoint, field, value));

        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        AssertJsonNotHtml(response, body);
        Assert.Contains(value, Strings(JsonDocument.Parse(body).RootElement));
        if (endpoint.ReadBack is { } readBack)
        {
            using HttpResponseMessage stored = await SendAsync(HttpMethod.Get, readBack(context), context.Key, null);
            string storedBody = await stored.Content.ReadAsStringAsync(Cancel);
            AssertJsonNotHtml(stored, storedBody);
            Assert.Contains(value, Strings(JsonDocument.Parse(storedBody).RootElement));
        }

        Assert.True(await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners") > 0); // no SQL ran from it
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.FormattedFields), MemberType = typeof(JsonEndpoints))]
    public async Task Metacharacters_in_a_formatted_field_answer_400_and_store_nothing(string endpointName, string field)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();

        using HttpResponseMessage response = await SendAsync(endpoint, context, With(endpoint, field, Metacharacters));

        await response.AssertRefusedAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.StringFields), MemberType = typeof(JsonEndpoints))]
    public async Task A_NUL_character_in_any_string_field_answers_400_before_it_reaches_postgres(string endpointName, string field)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();

        using HttpResponseMessage response = await SendAsync(endpoint, context, With(endpoint, field, "Ana\u0000Bell"));

        JsonElement problem = await response.AssertRefusedAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal); // the problem names the field
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.Names), MemberType = typeof(JsonEndpoints))]
    public async Task A_10_MB_body_answers_413_without_being_read(string endpointName)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();
        var content = new GeneratedContent(10L << 20, prefix: "{\"name\":\""u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using HttpResponseMessage response = await SendAsync(endpoint.Method, endpoint.Path(context), endpoint.Anonymous ? null : context.Key, content, expectContinue: true);

        await response.AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, content.Sent);
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.Names), MemberType = typeof(JsonEndpoints))]
    public async Task A_string_of_1_MB_answers_413_and_stores_nothing(string endpointName)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();
        string field = endpoint.Fields.Keys.First();

        using HttpResponseMessage response = await SendAsync(endpoint, context, With(endpoint, field, new string('x', 1 << 20)));

        await response.AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.FreeTextFields), MemberType = typeof(JsonEndpoints))]
    public async Task Free_text_over_its_length_limit_answers_400_naming_the_field(string endpointName, string field)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();

        using HttpResponseMessage response = await SendAsync(endpoint, context, With(endpoint, field, new string('x', 20_000)));

        JsonElement problem = await response.AssertRefusedAsync(HttpStatusCode.BadRequest);
        // Named by the field, or by its JSON path where the body is read under the strict contract (issue 14).
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _) || problem.GetProperty("errors").TryGetProperty("$." + field, out _), problem.GetRawText());
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints.Names), MemberType = typeof(JsonEndpoints))]
    public async Task Json_nested_10000_deep_answers_400(string endpointName)
    {
        JsonEndpoint endpoint = JsonEndpoints.Named(endpointName);
        JsonContext context = await ContextAsync();
        string before = await DigestAsync();
        string nested = "{\"" + endpoint.Fields.Keys.First() + "\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        var content = new StringContent(nested, Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await SendAsync(endpoint.Method, endpoint.Path(context), endpoint.Anonymous ? null : context.Key, content);

        await response.AssertRefusedAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await DigestAsync());
    }

    private static JsonObject With(JsonEndpoint endpoint, string field, string value)
    {
        JsonObject body = endpoint.ValidBody();
        body[field] = value;
        return body;
    }

    private Task<HttpResponseMessage> SendAsync(JsonEndpoint endpoint, JsonContext context, JsonObject body) =>
        SendAsync(endpoint.Method, endpoint.Path(context), endpoint.Anonymous ? null : context.Key, JsonContent.Create(body));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        request.Headers.ExpectContinue = expectContinue;
        return await host.Client.SendAsync(request, Cancel);
    }

    /// <summary>API answers are JSON, never HTML: the content type says so (markup inside a JSON string is just text).</summary>
    private static void AssertJsonNotHtml(HttpResponseMessage response, string body)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.TrimStart() is ['{' or '[', ..], body); // a JSON document, never markup
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>Every row an endpoint of this matrix could write, digested: equal before and after means nothing stored.</summary>
    private Task<string> DigestAsync() => ScalarTextAsync(
        """
        SELECT md5(concat_ws('|',
          (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM runrecovery.runners r),
          (SELECT string_agg(s::text, ',' ORDER BY s.runner_id) FROM runrecovery.runner_settings s),
          (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM runrecovery.checkins c),
          (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM runrecovery.clubs c),
          (SELECT string_agg(m::text, ',' ORDER BY m.club_id, m.runner_id) FROM runrecovery.club_members m),
          (SELECT string_agg(i::text, ',' ORDER BY i.id) FROM runrecovery.club_invites i),
          (SELECT string_agg(r.status || coalesce(r.dismiss_reason, ''), ',' ORDER BY r.id) FROM runrecovery.recommendations r),
          (SELECT count(*) FROM hangfire.job)))
        """);

    private async Task<string> ScalarTextAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private Task<JsonContext> ContextAsync() => host.JsonContextAsync();
}
