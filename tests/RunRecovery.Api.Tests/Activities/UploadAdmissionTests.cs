using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Api.Tests.Security;
using RunRecovery.Application.Activities.Upload;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>The service taking one upload at a time, refusing the next at once (issue 18 point 3).</summary>
public sealed class UploadAdmissionHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override IEnumerable<string> Settings =>
        ["--RunRecovery:Uploads:RateLimitPermits=0", "--RunRecovery:Uploads:MaxInFlightUploads=1", "--RunRecovery:Uploads:AdmissionWait=00:00:00"];

    public UploadAdmission Admission => Service.App.Services.GetRequiredService<UploadAdmission>();
}

/// <summary>
/// Past the knee the upload is refused before its body is read or the database is asked (429, <c>Retry-After</c>,
/// code <c>busy</c>), never left to wait for a pooled connection and end in 503; and the next upload after the load
/// drops is taken at once (docs/reliability.md, "Soak and capacity").
/// </summary>
public sealed class UploadAdmissionTests(UploadAdmissionHost host) : IClassFixture<UploadAdmissionHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_past_the_in_flight_limit_gets_429_with_retry_after_and_the_service_takes_uploads_again_once_it_ends()
    {
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] first = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20);
        long refusedBefore = host.Admission.Refused;

        // The first upload holds the only place: its body (chunked, no Content-Length) arrives only when we say so.
        var slow = new HeldContent(first, 100);
        slow.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        Task<HttpResponseMessage> held = host.SendAsync(HttpMethod.Post, "/api/activities", key, slow);
        while (host.Admission.InFlight == 0 && !held.IsCompleted)
        {
            await Task.Delay(20, Cancel);
        }

        Assert.False(held.IsCompleted, "the held upload ended early");
        using (HttpResponseMessage busy = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(20), 20)))
        {
            JsonElement problem = await busy.AssertRefusedAsync(HttpStatusCode.TooManyRequests, "busy");
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("uploads-in-flight", problem.GetProperty("limit").GetString()); // which limit refused it (issue 18 point 3)
        }

        // Refused before authentication: a key nobody holds gets the same 429, not 401, so the refusal cost no key lookup
        // (past the knee, key lookups of refused uploads filled the connection pool until uploads ended in 503).
        using (HttpResponseMessage unknownKey = await host.UploadAsync("rr_no_such_key_0000000000000000", SyntheticRuns.Fit(SyntheticRuns.HoursAgo(10), 20)))
        {
            await unknownKey.AssertRefusedAsync(HttpStatusCode.TooManyRequests, "busy");
        }

        Assert.Equal(refusedBefore + 2, host.Admission.Refused);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));

        // The held upload completes and is stored whole; then the service takes the next one at once.
        slow.Release();
        using (HttpResponseMessage stored = await held)
        {
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        Assert.Equal(0, host.Admission.InFlight);
        using (HttpResponseMessage after = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(20), 20)))
        {
            Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        }

        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
        Assert.Equal(1, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activity_contents c JOIN runrecovery.activities a ON a.id = c.activity_id WHERE a.runner_id = $1 AND c.content = $2", runner, first));
    }
}

/// <summary>A chunked body (no Content-Length) whose first <c>head</c> bytes are sent and flushed at once, the rest on <see cref="Release"/>.</summary>
internal sealed class HeldContent(byte[] body, int head) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(body.AsMemory(0, head));
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(body.AsMemory(head));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
