using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// The gen-2 cadence (issue 18 point 2, docs/reliability.md "A steady gen-2 cadence"): a full collection once a period
/// when the GC ran none of its own and the process allocated enough in it; /health/runtime counts them.
/// </summary>
public sealed class FullCollectionCadenceTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, 300L << 20, 256L << 20, true)] // no full collection in the period, enough allocated
    [InlineData(1, 300L << 20, 256L << 20, false)] // the GC collected gen 2 itself
    [InlineData(0, 10L << 20, 256L << 20, false)] // idle: too little allocated to leave garbage worth a collection
    [InlineData(0, 256L << 20, 256L << 20, true)]
    public void A_full_collection_is_due_only_after_a_period_without_one_that_allocated_enough(
        int fullCollections, long allocatedBytes, long minAllocatedBytes, bool due) =>
        Assert.Equal(due, FullCollectionCadence.IsDue(fullCollections, allocatedBytes, minAllocatedBytes));

    [Fact]
    public async Task The_service_runs_full_collections_on_its_cadence_while_it_allocates()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString, ServiceRole.Api,
            [
                "--RunRecovery:Diagnostics:Runtime=true",
                $"--{FullCollectionCadence.PeriodSetting}=00:00:00.200",
                $"--{FullCollectionCadence.MinAllocatedBytesSetting}=1048576",
            ],
            Cancel);
        await using (service)
        using (client)
        {
            long before = (await FiguresAsync(client)).GetProperty("cadenceCollections").GetInt64();
            long after = before;
            for (int i = 0; i < 600 && after == before; i++)
            {
                Allocate(4 << 20); // more than the 1 MB a period asks for
                await Task.Delay(50, Cancel);
                after = (await FiguresAsync(client)).GetProperty("cadenceCollections").GetInt64();
            }

            Assert.True(after > before, "no full collection on the cadence in 30 s of allocating");
            Assert.True((await FiguresAsync(client)).GetProperty("cadencePauseMs").GetDouble() > 0);
        }
    }

    private static Task<JsonElement> FiguresAsync(HttpClient client) =>
        client.GetFromJsonAsync<JsonElement>("/health/runtime", Cancel);

    private static void Allocate(int bytes)
    {
        for (int allocated = 0; allocated < bytes; allocated += 8192)
        {
            GC.KeepAlive(new byte[8192]);
        }
    }
}
