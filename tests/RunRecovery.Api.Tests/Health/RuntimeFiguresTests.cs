using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Health;

/// <summary>
/// GET /health/runtime (issue 18 point 2): besides the heap at the last collection, it names what that collection was
/// and what each generation held after it, and after the last full collection, so a soak can tell a growing live heap
/// from a young generation the last collection left fragmented.
/// </summary>
public sealed class RuntimeFiguresTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_runtime_figures_name_the_last_collection_generation_by_generation_and_the_gc_settings()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString, ServiceRole.Api, ["--RunRecovery:Diagnostics:Runtime=true"], Cancel);
        await using (service)
        using (client)
        {
            // ?collect=true runs a blocking compacting full collection first, so there is a full collection to report.
            JsonElement figures = await client.GetFromJsonAsync<JsonElement>("/health/runtime?collect=true", Cancel);

            JsonElement full = figures.GetProperty("lastFullCollection");
            Assert.Equal(2, full.GetProperty("generation").GetInt32());
            Assert.True(full.GetProperty("compacted").GetBoolean());
            string[] names = [.. full.GetProperty("generations").EnumerateArray().Select(g => g.GetProperty("name").GetString()!)];
            Assert.Equal(["gen0", "gen1", "gen2", "loh", "poh"], names);
            long sizes = full.GetProperty("generations").EnumerateArray().Sum(g => g.GetProperty("sizeAfterBytes").GetInt64());
            Assert.Equal(full.GetProperty("heapSizeBytes").GetInt64(), sizes);

            JsonElement last = figures.GetProperty("lastCollection");
            Assert.True(last.GetProperty("index").GetInt64() >= full.GetProperty("index").GetInt64());
            Assert.Equal(figures.GetProperty("heapSizeBytes").GetInt64(), last.GetProperty("heapSizeBytes").GetInt64());

            JsonElement settings = figures.GetProperty("gcSettings");
            Assert.Equal(System.Runtime.GCSettings.IsServerGC.ToString(), settings.GetProperty("ServerGC").GetString());
        }
    }
}
