using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// The service's GC settings (issue 18 point 2, docs/reliability.md "Soak"): server GC without background collections,
/// DATAS off and a fixed gen-0 budget of 16 MB a heap, written into RunRecovery.Api.runtimeconfig.json by the project
/// file. Checked as the runtime applies them: the release service started as the image starts it (dotnet
/// RunRecovery.Api.dll), its <c>gcSettings</c> read from /health/runtime, with any DOTNET_ GC variable of the test
/// run removed so only the runtimeconfig counts.
/// </summary>
public sealed class GcSettingsTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_service_runs_with_datas_off_and_a_fixed_gen0_budget()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(typeof(RunRecovery.Api.Hosting.RunRecoveryService).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "RunRecovery.Api.dll", "--role", "api", "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:RunRecovery={server.ConnectionString}", "--RunRecovery:Diagnostics:Runtime=true",
            "--RunRecovery:HangfireDashboard=Off", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(IsGcVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        // Port 0 and the address the service logs: a port picked free beforehand could be taken by another test's
        // server before this one bound it (the service then exits; seen once under load).
        var output = new ServiceOutput();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            JsonElement settings = (await RuntimeFiguresAsync(output, process)).GetProperty("gcSettings");

            Assert.Equal("True", settings.GetProperty("ServerGC").GetString());
            Assert.Equal("False", settings.GetProperty("ConcurrentGC").GetString());
            Assert.Equal("0", settings.GetProperty("GCDynamicAdaptationMode").GetString());
            Assert.Equal((16L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), settings.GetProperty("GCGen0MaxBudget").GetString());
            Assert.Equal("1048576", settings.GetProperty("LOHThreshold").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    // DOTNET_gcServer, DOTNET_GCgen0MaxBudget, COMPlus_GCDynamicAdaptationMode, ...: the runtime reads them before the
    // runtimeconfig, so one set where the tests run would hide what the project file sets.
    private static bool IsGcVariable(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase))
        && name.Contains("gc", StringComparison.OrdinalIgnoreCase);

    private static async Task<JsonElement> RuntimeFiguresAsync(ServiceOutput output, Process process)
    {
        for (int i = 0; i < 240; i++)
        {
            Assert.False(process.HasExited, $"the service exited before it answered; its output:\n{output}");
            if (output.ListeningOn is string address)
            {
                try
                {
                    using var client = new HttpClient { BaseAddress = new Uri(address) };
                    using HttpResponseMessage response = await client.GetAsync("/health/runtime", Cancel);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(500, Cancel);
        }

        Assert.Fail($"the service did not answer /health/runtime in 2 minutes; its output:\n{output}");
        return default;
    }

    /// <summary>The service's console output, kept for failure messages, and the address it says it listens on.</summary>
    private sealed class ServiceOutput
    {
        private const string Listening = "Now listening on: ";
        private readonly System.Text.StringBuilder _lines = new();

        public string? ListeningOn { get; private set; }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.AppendLine(line);
                int at = line.IndexOf(Listening, StringComparison.Ordinal);
                if (at >= 0 && ListeningOn is null)
                {
                    ListeningOn = line[(at + Listening.Length)..].Trim();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return _lines.ToString();
            }
        }
    }
}
