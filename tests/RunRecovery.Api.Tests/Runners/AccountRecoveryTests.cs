using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>
/// No lost accounts: the one-time recovery code from sign-up (stored hashed) mints a new key, the operator's
/// <c>admin reset-key</c> does the same by email, sign-up can be closed (the first runner still gets in), and a
/// dashboard session survives a restart of the service (the Data Protection key ring is in the database).
/// </summary>
public sealed class AccountRecoveryTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_recovery_code_from_sign_up_mints_a_new_key_once_and_comes_back_renewed()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Ada", email, timeZone = "UTC" }, Cancel);
        JsonElement account = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        string oldKey = account.GetProperty("apiKey").GetString()!;
        string code = account.GetProperty("recoveryCode").GetString()!;
        Guid id = account.GetProperty("runner").GetProperty("id").GetGuid();
        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$", code);

        // Stored hashed: the SHA-256 of the code without dashes, never the code itself.
        byte[] stored = await HashOfAsync(id);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(code.Replace("-", "", StringComparison.Ordinal))), stored);

        // Typed loosely (lower case, spaces instead of dashes): a new key and a new code; the old key stops working.
        JsonElement recovered = await RecoverAsync(email.ToUpperInvariant(), code.ToLowerInvariant().Replace('-', ' '), HttpStatusCode.OK);
        string newKey = recovered.GetProperty("apiKey").GetString()!;
        string newCode = recovered.GetProperty("recoveryCode").GetString()!;
        Assert.NotEqual(code, newCode);
        Assert.Equal(id, recovered.GetProperty("runner").GetProperty("id").GetGuid());
        using (HttpResponseMessage old = await host.SendAsync(HttpMethod.Get, "/api/runners/me", oldKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        Assert.Equal(id, (await host.GetJsonAsync("/api/runners/me", newKey)).GetProperty("id").GetGuid());

        // Once only: the spent code is refused, the new one works.
        JsonElement spent = await RecoverAsync(email, code, HttpStatusCode.Unauthorized);
        Assert.Equal("That email and recovery code do not match.", spent.GetProperty("title").GetString());
        await RecoverAsync(email, newCode, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signed_in_runner_gets_a_fresh_code_that_replaces_the_old_one_and_keeps_the_key()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Ada", email, timeZone = "UTC" }, Cancel);
        JsonElement account = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        string key = account.GetProperty("apiKey").GetString()!;

        using HttpResponseMessage issued = await host.SendAsync(HttpMethod.Post, "/api/runners/me/recovery-code", key);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        string fresh = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("recoveryCode").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "/api/runners/me", key)).StatusCode); // key unchanged
        await RecoverAsync(email, account.GetProperty("recoveryCode").GetString()!, HttpStatusCode.Unauthorized); // the old code is gone
        await RecoverAsync(email, fresh, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_email_get_the_same_answer_and_change_nothing()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Ada", email, timeZone = "UTC" }, Cancel);
        JsonElement account = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Guid id = account.GetProperty("runner").GetProperty("id").GetGuid();
        byte[] before = await HashOfAsync(id);
        string otherCode = new string('7', 32);

        JsonElement wrong = await RecoverAsync(email, otherCode, HttpStatusCode.Unauthorized);
        JsonElement unknown = await RecoverAsync($"nobody-{Guid.NewGuid():N}@example.org", account.GetProperty("recoveryCode").GetString()!, HttpStatusCode.Unauthorized);
        JsonElement garbage = await RecoverAsync(email, "not a code", HttpStatusCode.Unauthorized);

        Assert.Equal(wrong.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        Assert.Equal(wrong.GetProperty("detail").GetString(), garbage.GetProperty("detail").GetString());
        Assert.Equal(before, await HashOfAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "/api/runners/me", account.GetProperty("apiKey").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task The_operators_reset_gives_a_new_key_and_code_by_email_and_says_when_nobody_has_it()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Ada", email, timeZone = "UTC" }, Cancel);
        string oldKey = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await AdminCommands.ResetKeyAsync(host.Service, email.ToUpperInvariant(), output, error));
        string[] lines = output.ToString().Split('\n');
        string key = lines.Single(line => line.StartsWith("apiKey: ", StringComparison.Ordinal))["apiKey: ".Length..].Trim();
        string code = lines.Single(line => line.StartsWith("recoveryCode: ", StringComparison.Ordinal))["recoveryCode: ".Length..].Trim();
        Assert.Equal("", error.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(HttpMethod.Get, "/api/runners/me", oldKey)).StatusCode);
        Assert.Equal(email, (await host.GetJsonAsync("/api/runners/me", key)).GetProperty("email").GetString());
        await RecoverAsync(email, code, HttpStatusCode.OK);

        using var missingOutput = new StringWriter();
        using var missingError = new StringWriter();
        Assert.Equal(1, await AdminCommands.ResetKeyAsync(host.Service, "nobody@example.org", missingOutput, missingError));
        Assert.Contains("No runner has the email 'nobody@example.org'", missingError.ToString(), StringComparison.Ordinal);
        Assert.Equal("", missingOutput.ToString());
    }

    [Fact]
    public async Task A_dashboard_session_survives_a_restart_of_the_service()
    {
        (Guid id, string key) = await host.CreateRunnerAsync();
        string cookie = await DashboardCookieAsync(host.Client.BaseAddress!, key);

        // A second service on the same database: a new process's container, no key ring in memory.
        await using RunRecoveryService restarted = await StartAsync(host.ConnectionString);
        using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me");
        request.Headers.Add("Cookie", cookie);
        using HttpResponseMessage me = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(id, (await me.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid());
        Assert.True(await host.ScalarAsync("SELECT count(*) FROM runrecovery.data_protection_keys") >= 1);
    }

    [Fact]
    public async Task With_a_keys_folder_the_ring_is_kept_there_and_shared_by_services_that_name_it()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"rr-keys-{Guid.NewGuid():N}");
        try
        {
            await using RunRecoveryService first = await StartAsync(host.ConnectionString, $"--RunRecovery:DataProtection:KeysFolder={folder}");
            (Guid id, string key) = await host.CreateRunnerAsync();
            string cookie = await DashboardCookieAsync(first.BaseAddress, key);
            Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));

            await using RunRecoveryService second = await StartAsync(host.ConnectionString, $"--RunRecovery:DataProtection:KeysFolder={folder}");
            using var client = new HttpClient { BaseAddress = second.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me");
            request.Headers.Add("Cookie", cookie);
            using HttpResponseMessage me = await client.SendAsync(request, Cancel);
            Assert.Equal(id, (await me.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private async Task<JsonElement> RecoverAsync(string email, string code, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await host.Client.PostAsJsonAsync("/api/runners/recover", new { email, recoveryCode = code }, Cancel);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<byte[]> HashOfAsync(Guid runnerId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand("SELECT recovery_code_hash FROM runrecovery.runners WHERE id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = runnerId });
        return (byte[])(await command.ExecuteScalarAsync(Cancel))!;
    }

    /// <summary>Signs in through the dashboard's form as a browser would; returns the session cookie as a Cookie header.</summary>
    private static async Task<string> DashboardCookieAsync(Uri baseAddress, string key)
    {
        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        string token = JsonDocument.Parse(await client.GetStringAsync("/dashboard/session", Cancel)).RootElement.GetProperty("csrfToken").GetString()!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token });
        using HttpResponseMessage signIn = await client.PostAsync("/dashboard/signin", form, Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.ToString());
        Cookie session = handler.CookieContainer.GetCookies(baseAddress).Single(cookie => cookie.Name == "rr_session");
        return $"{session.Name}={session.Value}";
    }

    private static async Task<RunRecoveryService> StartAsync(string connectionString, params string[] settings)
    {
        string[] args =
        [
            "--role", "api", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:RunRecovery={connectionString}",
            "--Logging:LogLevel:Default=Warning", .. settings,
        ];
        RunRecoveryService service = await RunRecoveryService.CreateAsync(StartupCommand.Parse(args), Cancel);
        await service.StartAsync(Cancel);
        return service;
    }
}

/// <summary>RunRecovery:SignUp=Closed: the first runner signs up (an empty database), nobody after.</summary>
public sealed class ClosedSignUpTests(ClosedSignUpTests.ClosedHost host) : IClassFixture<ClosedSignUpTests.ClosedHost>
{
    [Fact]
    public async Task Only_the_first_runner_may_sign_up()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners"));
        using HttpResponseMessage first = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Operator", email = "op@example.org", timeZone = "UTC" }, cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using HttpResponseMessage second = await host.Client.PostAsJsonAsync("/api/runners", new { name = "Stranger", email = "stranger@example.org", timeZone = "UTC" }, cancel);
        JsonElement problem = await second.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Sign-up is closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners"));
    }

    public sealed class ClosedHost(TestPostgres postgres) : RunnerHost(postgres)
    {
        protected override IEnumerable<string> Settings => ["--RunRecovery:SignUp=Closed"];
    }
}
