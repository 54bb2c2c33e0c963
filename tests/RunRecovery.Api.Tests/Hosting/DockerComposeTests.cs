using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using RunRecovery.Api.Tests.Clubs;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// docker-compose.yml as a new user runs it (issue 18 point 5). No Docker engine runs here, so what can be checked
/// without one is: the file parses and says what the README says; the password is generated, never defaulted; and the
/// image's entrypoint with each service's command and environment runs as the same command outside Docker — the api
/// and a worker as two processes sharing one folder for club archives (the volume), each passing the compose
/// healthcheck's own command.
/// </summary>
public sealed partial class DockerComposeTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string ImportsFolder = "/var/lib/runrecovery/imports";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_compose_file_parses_and_shares_the_import_folder_between_api_and_worker()
    {
        YamlMappingNode services = Map(Compose(), "services");
        Assert.Equal(["db", "api", "worker"], services.Children.Keys.Select(key => key.ToString()));

        foreach (string name in new[] { "api", "worker" })
        {
            YamlMappingNode service = Map(services, name);
            Assert.Equal(ImportsFolder, Scalar(Map(service, "environment"), "RunRecovery__Imports__StorageDirectory"));
            Assert.Contains($"imports:{ImportsFolder}", Sequence(service, "volumes"));
            Assert.NotEmpty(Sequence(Map(service, "healthcheck"), "test"));
        }

        Assert.Equal(["--role", "api"], Sequence(Map(services, "api"), "command"));
        Assert.Equal(["--role", "worker"], Sequence(Map(services, "worker"), "command"));
        Assert.Equal("service_healthy", Scalar(Map(Map(Map(services, "worker"), "depends_on"), "api"), "condition"));
        Assert.Contains("imports", Map(Compose(), "volumes").Children.Keys.Select(key => key.ToString()));

        // The image makes the folder and gives it to the non-root user before switching to it.
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "RunRecovery.Api", "Dockerfile"));
        int chown = dockerfile.IndexOf($"mkdir -p {ImportsFolder} && chown -R \"$APP_UID:$APP_UID\"", StringComparison.Ordinal);
        Assert.InRange(chown, 0, dockerfile.IndexOf("USER $APP_UID", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_runs_every_role_without_the_single_processor_tiering_delay()
    {
        // A worker held to a CPU quota under 1.5 CPUs sees one processor, and the runtime then waits ten times longer
        // (1 s without a new method compiled) before it optimises hot code: capped workers ran unoptimised code and
        // compiled for minutes (docs/reliability.md, "Scale-out"). The knob is read from the environment only.
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "RunRecovery.Api", "Dockerfile"));
        Dictionary<string, string> environment = EnvLine().Matches(dockerfile)
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value, StringComparer.Ordinal);

        Assert.Equal(TimeSpan.Zero, RunRecovery.Api.Hosting.TieringDelay.Effective(environment.GetValueOrDefault, processors: 1));
    }

    [Fact]
    public void A_worker_gives_its_one_gc_heap_the_gen0_budget_of_the_apis_two()
    {
        // A worker on one CPU runs workstation GC, one heap; the image caps gen 0 at a budget a heap (the csproj's
        // System.GC.Gen0MaxBudget), so without its own setting it collected twice as often as the two-heap api for the
        // same bytes (docs/reliability.md, "Scale-out", "Warm workers"). The api keeps the image's budget.
        string csproj = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "RunRecovery.Api", "RunRecovery.Api.csproj"));
        long imageBudget = long.Parse(Gen0MaxBudgetOption().Match(csproj).Groups[1].Value, CultureInfo.InvariantCulture);
        YamlMappingNode services = Map(Compose(), "services");
        YamlMappingNode worker = Map(Map(services, "worker"), "environment");

        Assert.Equal(2 * imageBudget, Convert.ToInt64(Scalar(worker, "DOTNET_GCgen0size"), 16));
        Assert.Equal(2 * imageBudget, Convert.ToInt64(Scalar(worker, "DOTNET_GCGen0MaxBudget"), 16));
        Assert.DoesNotContain(Map(Map(services, "api"), "environment").Children.Keys, key => key.ToString().StartsWith("DOTNET_GC", StringComparison.Ordinal));
        Assert.Equal(Scalar(Map(Map(services, "api"), "environment"), "ConnectionStrings__RunRecovery"), Scalar(worker, "ConnectionStrings__RunRecovery"));
    }

    [Fact]
    public void The_image_copies_every_project_the_service_is_built_from()
    {
        // The Dockerfile names each project twice (its .csproj for the restore layer, then its folder); a project the
        // api gained a reference to and the Dockerfile missed breaks `docker compose up --build` only in Docker.
        string root = RepositoryRoot();
        string dockerfile = File.ReadAllText(Path.Combine(root, "src", "RunRecovery.Api", "Dockerfile"));
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path.Combine(root, "src", "RunRecovery.Api", "RunRecovery.Api.csproj")]);
        while (pending.TryDequeue(out string? project))
        {
            if (!projects.Add(Path.GetRelativePath(root, project).Replace('\\', '/')))
            {
                continue;
            }

            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups[1].Value.Replace('\\', '/'))));
            }
        }

        Assert.Contains("src/RunRecovery.Analysis/RunRecovery.Analysis.csproj", projects); // the walk follows references
        foreach (string project in projects)
        {
            string folder = Path.GetDirectoryName(project)!.Replace('\\', '/');
            Assert.Contains($"COPY {project} {folder}/\n", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"COPY {folder}/ {folder}/\n", dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_database_password_has_a_default()
    {
        YamlMappingNode services = Map(Compose(), "services");
        string[] uses =
        [
            Scalar(Map(Map(services, "db"), "environment"), "POSTGRES_PASSWORD"),
            Scalar(Map(Map(services, "api"), "environment"), "ConnectionStrings__RunRecovery"),
            Scalar(Map(Map(services, "worker"), "environment"), "ConnectionStrings__RunRecovery"),
        ];

        foreach (string use in uses)
        {
            // ${VAR:?message}: compose refuses to start while it is unset or empty; ${VAR:-x} would default it.
            Assert.Matches(@"\$\{RUNRECOVERY_DB_PASSWORD:\?[^}]*compose-env\.sh[^}]*\}", use);
        }

        Assert.DoesNotMatch(@"RUNRECOVERY_DB_PASSWORD:?-", File.ReadAllText(ComposePath()));
    }

    [Fact]
    public async Task The_env_script_writes_a_generated_password_once_into_a_git_ignored_file()
    {
        string folder = Directory.CreateTempSubdirectory("rr-compose-env").FullName;
        try
        {
            string first = Path.Combine(folder, "a.env");
            string second = Path.Combine(folder, "b.env");
            Assert.Equal(0, (await RunAsync("sh", [Path.Combine(RepositoryRoot(), "scripts", "compose-env.sh"), first])).Exit);
            string written = await File.ReadAllTextAsync(first, Cancel);
            Assert.Equal(0, (await RunAsync("sh", [Path.Combine(RepositoryRoot(), "scripts", "compose-env.sh"), first])).Exit);
            Assert.Equal(0, (await RunAsync("sh", [Path.Combine(RepositoryRoot(), "scripts", "compose-env.sh"), second])).Exit);

            string password = PasswordLine().Match(written).Groups[1].Value;
            Assert.Matches("^[A-Za-z0-9_-]{32}$", password); // safe inside a connection string: no ';', '=' or quotes
            Assert.Equal(written, await File.ReadAllTextAsync(first, Cancel)); // not overwritten
            Assert.NotEqual(password, PasswordLine().Match(await File.ReadAllTextAsync(second, Cancel)).Groups[1].Value);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Contains(".env", File.ReadAllLines(Path.Combine(RepositoryRoot(), ".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(RepositoryRoot(), ".dockerignore")));
    }

    [Fact]
    public void The_caddy_example_is_the_only_proxy_the_api_trusts()
    {
        YamlMappingNode overlay = Load(Path.Combine(RepositoryRoot(), "deploy", "caddy", "docker-compose.caddy.yml"));
        YamlMappingNode services = Map(overlay, "services");
        string caddyAddress = Scalar(Map(Map(Map(services, "caddy"), "networks"), "default"), "ipv4_address");
        string subnet = Scalar((YamlMappingNode)((YamlSequenceNode)Map(Map(Map(overlay, "networks"), "default"), "ipam").Children[new YamlScalarNode("config")])[0], "subnet");

        Assert.Equal(caddyAddress, Scalar(Map(Map(services, "api"), "environment"), "RunRecovery__ForwardedHeaders__KnownProxies__0"));
        Assert.True(System.Net.IPNetwork.Parse(subnet).Contains(IPAddress.Parse(caddyAddress)));
        Assert.Contains("reverse_proxy api:8080", File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "caddy", "Caddyfile")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_healthcheck_command_fails_when_nothing_answers()
    {
        (int exit, _) = await RunAsync("bash", [.. HealthcheckArguments(FreePort())]);
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task The_images_api_and_worker_commands_run_outside_docker_and_import_a_club_archive_through_the_shared_folder()
    {
        string volume = Directory.CreateTempSubdirectory("rr-compose-imports").FullName;
        int apiPort = FreePort();
        int workerPort = FreePort();
        using ServiceProcess api = Start("api", apiPort, volume);
        using ServiceProcess worker = Start("worker", workerPort, volume);
        try
        {
            await HealthyAsync(api, apiPort);
            await HealthyAsync(worker, workerPort);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            var clubs = new ClubClient(http);
            string prefix = $"compose{Guid.NewGuid():N}"[..16];
            (Guid clubId, string admin, Guid memberId, _) = await clubs.ClubWithMemberAsync(prefix);
            byte[] archive = new ClubArchive().Add($"{prefix}-member@example.org/run.fit", ClubArchive.Fit(3)).Build();

            using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/clubs/{clubId}/imports") { Content = new ByteArrayContent(archive) };
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            using HttpResponseMessage accepted = await http.SendAsync(upload, Cancel);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Guid importId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetGuid();

            // The api role processes no jobs: the worker process expands the archive the api left in the shared folder.
            string state = "";
            for (int i = 0; i < 240 && !RunRecovery.Application.Persistence.ImportState.IsFinished(state); i++)
            {
                await Task.Delay(500, Cancel);
                using HttpResponseMessage status = await clubs.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}/imports/{importId}", admin);
                state = JsonDocument.Parse(await status.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("state").GetString()!;
            }

            Assert.Equal("completed", state);
            Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", memberId));
            Assert.Empty(Directory.GetFiles(volume, "*.zip")); // the archive is removed once imported
        }
        finally
        {
            Stop(api);
            Stop(worker);
            Directory.Delete(volume, recursive: true);
        }
    }

    /// <summary>
    /// The image's ENTRYPOINT plus the service's command, with the service's compose environment: the database host,
    /// port, name, user and password are the test database's, the import volume is a temporary folder, and the port the
    /// Dockerfile sets (ASPNETCORE_HTTP_PORTS=8080) is a free one, since two "containers" share this machine. Two job
    /// workers instead of the machine's default and warnings-only logs spare the test machine.
    /// </summary>
    private ServiceProcess Start(string service, int port, string volume)
    {
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "RunRecovery.Api", "Dockerfile"));
        string[] entrypoint = JsonSerializer.Deserialize<string[]>(EntrypointLine().Match(dockerfile).Groups[1].Value)!;
        Assert.Equal(["dotnet", "RunRecovery.Api.dll"], entrypoint);
        Assert.Contains("ENV ASPNETCORE_HTTP_PORTS=8080", dockerfile, StringComparison.Ordinal);

        YamlMappingNode definition = Map(Map(Compose(), "services"), service);
        var start = new ProcessStartInfo(entrypoint[0])
        {
            WorkingDirectory = Path.GetDirectoryName(typeof(RunRecovery.Api.Hosting.RunRecoveryService).Assembly.Location)!, // WORKDIR /app
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in entrypoint.Skip(1).Concat(Sequence(definition, "command")))
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((YamlNode key, YamlNode value) in Map(definition, "environment").Children)
        {
            start.Environment[key.ToString()] = key.ToString() switch
            {
                "ConnectionStrings__RunRecovery" => ThisDatabase(value.ToString()),
                "RunRecovery__Imports__StorageDirectory" => volume,
                _ => value.ToString(),
            };
        }

        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RunRecovery__Worker__Count"] = "2";

        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>
    /// The compose connection string, interpolated as compose does with .env's password, then pointed at the test
    /// database (host, port, name, user and password).
    /// </summary>
    private string ThisDatabase(string template)
    {
        var test = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        string compose = Interpolation().Replace(template, match => match.Groups[1].Value == "RUNRECOVERY_DB_PASSWORD"
            ? test.Password ?? ""
            : throw new InvalidOperationException($"compose would need {match.Groups[1].Value} as well"));
        var builder = new NpgsqlConnectionStringBuilder(compose)
        {
            Host = test.Host,
            Port = test.Port,
            Database = test.Database,
            Username = test.Username,
            Password = test.Password,
        };
        Assert.Equal("db", new NpgsqlConnectionStringBuilder(compose).Host); // the compose service name
        return builder.ConnectionString;
    }

    /// <summary>Runs the compose healthcheck's command (with this process's port) until it exits 0; fails if the process dies.</summary>
    private static async Task HealthyAsync(ServiceProcess service, int port)
    {
        for (int i = 0; i < 240; i++)
        {
            Assert.False(service.Process.HasExited, $"the service exited before it was healthy:\n{service.Output}");
            if ((await RunAsync("bash", [.. HealthcheckArguments(port)])).Exit == 0)
            {
                return;
            }

            await Task.Delay(500, Cancel);
        }

        Assert.Fail($"the service did not pass its healthcheck in 2 minutes:\n{service.Output}");
    }

    /// <summary>The healthcheck's test, ["CMD", "bash", "-c", script], with the script's port 8080 replaced.</summary>
    private static IEnumerable<string> HealthcheckArguments(int port)
    {
        List<string> test = Sequence(Map(Map(Map(Compose(), "services"), "api"), "healthcheck"), "test");
        Assert.Equal(["CMD", "bash", "-c"], test.Take(3));
        Assert.Contains("/dev/tcp/127.0.0.1/8080", test[3], StringComparison.Ordinal);
        return ["-c", test[3].Replace("/8080", $"/{port}", StringComparison.Ordinal)];
    }

    private static void Stop(ServiceProcess service)
    {
        if (!service.Process.HasExited)
        {
            service.Process.Kill(entireProcessTree: true);
            service.Process.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A started service and what it printed (shown when it fails).</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public ServiceProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, line) => Keep(line.Data);
            process.ErrorDataReceived += (_, line) => Keep(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output => string.Join('\n', _lines);

        public void Dispose() => Process.Dispose();

        private void Keep(string? line)
        {
            if (line is not null && _lines.Count < 200)
            {
                _lines.Enqueue(line);
            }
        }
    }

    private async Task<long> ScalarAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(Cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static YamlMappingNode Compose() => Load(ComposePath());

    private static string ComposePath() => Path.Combine(RepositoryRoot(), "docker-compose.yml");

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        yaml.Documents[0].RootNode.Accept(new MergeKeys());
        return root;
    }

    private static YamlMappingNode Map(YamlMappingNode parent, string key) => (YamlMappingNode)parent.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode parent, string key) => ((YamlScalarNode)parent.Children[new YamlScalarNode(key)]).Value!;

    private static List<string> Sequence(YamlMappingNode parent, string key) =>
        [.. ((YamlSequenceNode)parent.Children[new YamlScalarNode(key)]).Children.Select(node => ((YamlScalarNode)node).Value!)];

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunRecovery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunRecovery.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"System\.GC\.Gen0MaxBudget""\s+Value=""(\d+)""")]
    private static partial Regex Gen0MaxBudgetOption();

    [GeneratedRegex(@"^ENV\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^ENTRYPOINT\s+(\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex EntrypointLine();

    /// <summary>${NAME}, ${NAME:?message}, ${NAME:-default}: compose's variable interpolation.</summary>
    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)(?::?[?-][^}]*)?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^RUNRECOVERY_DB_PASSWORD=(.*)$", RegexOptions.Multiline)]
    private static partial Regex PasswordLine();

    /// <summary>
    /// Applies YAML merge keys (<c>&lt;&lt;: *anchor</c>), as compose does: the anchored mapping's entries are copied in
    /// where the service does not set them. YamlDotNet's representation model keeps "&lt;&lt;" as an ordinary key.
    /// </summary>
    private sealed class MergeKeys : YamlVisitorBase
    {
        public override void Visit(YamlMappingNode mapping)
        {
            var merge = new YamlScalarNode("<<");
            if (mapping.Children.TryGetValue(merge, out YamlNode? source) && source is YamlMappingNode anchored)
            {
                mapping.Children.Remove(merge);
                foreach ((YamlNode key, YamlNode value) in anchored.Children)
                {
                    mapping.Children.TryAdd(key, value);
                }
            }

            base.Visit(mapping);
        }
    }
}
