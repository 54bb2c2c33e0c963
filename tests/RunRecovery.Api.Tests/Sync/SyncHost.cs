using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Sync;

/// <summary>The runner host with a tight upload limit (3 per 5 s), so that `runrecovery sync` meets 429s.</summary>
public sealed class SyncHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override IEnumerable<string> Settings =>
        ["--RunRecovery:Uploads:RateLimitPermits=3", "--RunRecovery:Uploads:RateLimitWindow=00:00:05"];
}
