using System.Security.Cryptography;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Database;

/// <summary>
/// Migration ToastLz4: the stored file and the JSON columns are compressed with lz4 where the server has it (pglz cost
/// ~19 ms of the database's CPU per 357 KB file; docs/reliability.md, "Soak and capacity"), and an upload reads back
/// byte for byte. On a server without lz4 the migration leaves the default and still applies.
/// </summary>
public sealed class StorageCompressionTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static readonly string[] Columns =
        ["activity_contents.content", "activities.load_inputs", "activities.metrics", "activities.sessions", "activities.loads"];

    [Fact]
    public async Task The_file_and_the_json_columns_are_stored_with_lz4_where_the_server_has_it()
    {
        bool lz4 = await host.ScalarAsync("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)") == 1;
        foreach (string column in Columns)
        {
            string[] parts = column.Split('.');
            long set = await host.ScalarAsync(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = ('runrecovery.' || $1)::regclass AND attname = $2 AND attcompression = 'l'", parts[0], parts[1]);
            Assert.True(set == (lz4 ? 1 : 0), $"{column}: lz4 {(lz4 ? "expected" : "not available, so not expected")}");
        }

        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), minutes: 60); // far over the 2 KB past which PostgreSQL compresses
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file));

        Assert.Equal(1, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activity_contents WHERE activity_id = $1 AND sha256(content) = $2", id, SHA256.HashData(file)));
        Assert.Equal(lz4 ? 1 : 0, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activity_contents WHERE activity_id = $1 AND pg_column_compression(content) = 'lz4'", id));
    }

    /// <summary>
    /// Migration JsonDocuments: the documents written once per upload are json, not jsonb (PostgreSQL checks their
    /// syntax instead of converting every number, and reads give the text back without printing it again), so the
    /// stored text is the service's own, byte for byte: jsonb would have reordered the keys and added spaces.
    /// </summary>
    [Fact]
    public async Task The_upload_documents_are_json_holding_the_text_the_service_wrote()
    {
        foreach (string column in new[] { "load_inputs", "metrics", "sessions" })
        {
            Assert.True(1 == await host.ScalarAsync(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'runrecovery.activities'::regclass AND attname = $1 AND atttypid = 'json'::regtype", column), column);
        }

        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(7), minutes: 30)));

        Assert.Equal(1, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activities WHERE id = $1 AND starts_with(load_inputs::text, '{\"version\":2,\"inputs\":[{') AND starts_with(load_inputs::jsonb -> 'inputs' -> 0 ->> 'id', $1::text)",
            id));
    }
}
