using Microsoft.Extensions.Options;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>
/// The scoring lane's rule on a clock the test moves (issue 18 point 3): while uploads come in, one scoring job
/// recomputes at a time and the others wait in arrival order; once the uploads have been quiet for
/// <c>UploadQuiet</c>, every waiting job goes; a process that has taken no upload never waits. No real time passes.
/// </summary>
public sealed class ScoringLaneTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static UploadAdmission Uploads(ManualClock clock) => new(
        Options.Create(new UploadOptions { MaxInFlightUploads = 8 }), clock);

    private static ScoringLane Lane(UploadAdmission uploads, ManualClock clock, int width = 1) => new(
        uploads, Options.Create(new ScoringOptions { JobsWhileUploading = width, UploadQuiet = Quiet }), clock);

    [Fact]
    public async Task Without_uploads_every_scoring_job_goes_at_once()
    {
        var clock = new ManualClock();
        using UploadAdmission uploads = Uploads(clock);
        using ScoringLane lane = Lane(uploads, clock);

        ScoringLane.Pass[] passes = [await lane.EnterAsync(Cancel), await lane.EnterAsync(Cancel), await lane.EnterAsync(Cancel), await lane.EnterAsync(Cancel)];

        Assert.Equal((4, 0, 0L), (lane.Running, lane.Waiting, lane.Waited));
        Array.ForEach(passes, pass => pass.Dispose());
        Assert.Equal(0, lane.Running);
    }

    [Fact]
    public async Task While_an_upload_is_in_flight_one_job_recomputes_and_the_others_wait_in_arrival_order()
    {
        var clock = new ManualClock();
        using UploadAdmission uploads = Uploads(clock);
        using ScoringLane lane = Lane(uploads, clock);
        UploadAdmission.Place upload = await uploads.EnterAsync(Cancel);

        ScoringLane.Pass first = await lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> second = lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> third = lane.EnterAsync(Cancel);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        Assert.Equal((1, 2, 2L), (lane.Running, lane.Waiting, lane.Waited));

        // The upload goes on for a long while: the timer looks again and again, and nobody more goes.
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(second.IsCompleted);

        first.Dispose();
        ScoringLane.Pass secondPass = await second; // the first in line, not the newer one
        Assert.False(third.IsCompleted);
        secondPass.Dispose();
        ScoringLane.Pass thirdPass = await third;
        thirdPass.Dispose();
        upload.Dispose();
        Assert.Equal((0, 0), (lane.Running, lane.Waiting));
    }

    [Fact]
    public async Task Jobs_in_line_go_together_once_the_uploads_have_been_quiet_for_the_quiet_time()
    {
        var clock = new ManualClock();
        using UploadAdmission uploads = Uploads(clock);
        using ScoringLane lane = Lane(uploads, clock);
        (await uploads.EnterAsync(Cancel)).Dispose(); // an upload came and went

        using ScoringLane.Pass running = await lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> second = lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> third = lane.EnterAsync(Cancel);

        clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted); // still within the quiet time after the upload

        // Another upload just before the quiet time ran out: the wait starts over from it.
        (await uploads.EnterAsync(Cancel)).Dispose();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        using ScoringLane.Pass secondPass = await second; // a second without an upload: both go, the first still running
        using ScoringLane.Pass thirdPass = await third;
        Assert.Equal((3, 0), (lane.Running, lane.Waiting));
    }

    [Fact]
    public async Task A_cancelled_waiting_job_leaves_the_line_and_the_next_one_gets_the_pass()
    {
        var clock = new ManualClock();
        using UploadAdmission uploads = Uploads(clock);
        using ScoringLane lane = Lane(uploads, clock);
        using UploadAdmission.Place upload = await uploads.EnterAsync(Cancel);
        ScoringLane.Pass first = await lane.EnterAsync(Cancel);
        using var stop = new CancellationTokenSource();
        ValueTask<ScoringLane.Pass> cancelled = lane.EnterAsync(stop.Token);
        ValueTask<ScoringLane.Pass> next = lane.EnterAsync(Cancel);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        Assert.Equal(1, lane.Waiting);

        first.Dispose();
        using ScoringLane.Pass nextPass = await next;
        Assert.Equal((1, 0), (lane.Running, lane.Waiting));
    }

    [Fact]
    public async Task A_width_of_zero_turns_the_lane_off()
    {
        var clock = new ManualClock();
        using UploadAdmission uploads = Uploads(clock);
        using ScoringLane lane = Lane(uploads, clock, width: 0);
        using UploadAdmission.Place upload = await uploads.EnterAsync(Cancel);

        ValueTask<ScoringLane.Pass> first = lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> second = lane.EnterAsync(Cancel);

        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.Equal((0L, 0), (lane.Waited, lane.Running)); // not even counted
    }

    [Fact]
    public async Task With_the_upload_limit_off_an_upload_still_counts_as_uploading()
    {
        var clock = new ManualClock();
        using var uploads = new UploadAdmission(Options.Create(new UploadOptions { MaxInFlightUploads = 0 }), clock);
        using ScoringLane lane = Lane(uploads, clock);
        Assert.Equal(TimeSpan.MaxValue, uploads.SinceLastUpload);

        (await uploads.EnterAsync(Cancel)).Dispose();
        using ScoringLane.Pass first = await lane.EnterAsync(Cancel);
        ValueTask<ScoringLane.Pass> second = lane.EnterAsync(Cancel);

        Assert.False(second.IsCompleted);
        clock.Advance(Quiet);
        using ScoringLane.Pass secondPass = await second;
    }
}
