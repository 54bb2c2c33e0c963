using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// How long a whole request body may take to arrive, counted from the moment the request reached the application
/// (docs/security.md, "Slow bodies"). Kestrel's minimum data rate (<see cref="RequestLimits"/>) stops a body that
/// stalls; this stops one that trickles just fast enough forever. Bodies within the default limit (JSON, forms) get
/// <see cref="Small"/>; endpoints that raise their own limit (uploads, club archives) get <see cref="Large"/>.
/// Past the deadline the read fails with 408 and the connection is closed.
/// </summary>
internal sealed record RequestBodyDeadlines(TimeSpan Small, TimeSpan Large, long DefaultMaxBodyBytes)
{
    public const string SmallKey = "RunRecovery:Http:RequestBodyTimeout";

    public const string LargeKey = "RunRecovery:Http:LargeRequestBodyTimeout";

    /// <summary>A few KB of JSON needs a second even on a poor mobile link; a minute leaves room for a 1 MB body at 17 KB/s.</summary>
    public static readonly TimeSpan DefaultSmall = TimeSpan.FromMinutes(1);

    /// <summary>A 50 MB file in an hour needs 14 KB/s; a 2 GB club archive needs 4.7 Mbit/s (raise it for slower links).</summary>
    public static readonly TimeSpan DefaultLarge = TimeSpan.FromHours(1);

    public static RequestBodyDeadlines From(IConfiguration configuration, long defaultMaxBodyBytes) => new(
        configuration.GetValue(SmallKey, DefaultSmall),
        configuration.GetValue(LargeKey, DefaultLarge),
        defaultMaxBodyBytes);

    /// <summary>First in the pipeline: every later reader of the body (form reader, JSON binder, uploads) reads through it.</summary>
    public void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength is 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            await next(context);
            return;
        }

        context.Request.Body = new DeadlineBody(context.Request.Body, context, this, Stopwatch.GetTimestamp());
        await next(context);
    });

    /// <summary>The deadline for this request, decided at its first read (endpoints raise their limit before reading).</summary>
    public TimeSpan For(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && limit <= DefaultMaxBodyBytes ? Small : Large;

    /// <summary>The request body, failing with 408 once its deadline has passed (also while a read is waiting).</summary>
    private sealed class DeadlineBody(Stream inner, HttpContext context, RequestBodyDeadlines deadlines, long started) : Stream
    {
        private TimeSpan _allowed;
        private CancellationTokenSource? _deadline;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_deadline is null)
            {
                // One timer per request, started at the first read; disposed with the request.
                _allowed = deadlines.For(context);
                TimeSpan left = _allowed - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw TimedOut();
                }

                _deadline = new CancellationTokenSource(left);
                context.Response.RegisterForDispose(_deadline);
            }

            if (_deadline.IsCancellationRequested)
            {
                throw TimedOut();
            }

            using CancellationTokenSource? linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token)
                : null;
            try
            {
                return await inner.ReadAsync(buffer, linked?.Token ?? _deadline.Token);
            }
            catch (OperationCanceledException) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Kestrel refuses synchronous reads anyway (AllowSynchronousIO is off); the deadline is enforced on the async path.
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private BadHttpRequestException TimedOut()
        {
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.Connection = "close"; // do not wait for the rest of a trickle to keep the connection
            }

            string seconds = _allowed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return new BadHttpRequestException(
                $"The request body did not arrive within {seconds} s; send it faster or in smaller parts.", StatusCodes.Status408RequestTimeout);
        }
    }
}
