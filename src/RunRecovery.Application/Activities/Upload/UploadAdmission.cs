using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Errors;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// Bounds the uploads this process works on at once (<see cref="UploadOptions.MaxInFlightUploads"/>), taken before
/// the body is read. Past the knee an upload that finds every place taken waits at most
/// <see cref="UploadOptions.AdmissionWait"/> and is then answered 429 with <c>Retry-After</c> (code <c>busy</c>)
/// without touching the database, instead of queueing for a pooled connection for seconds and ending in 503
/// (docs/reliability.md, "Soak and capacity"). The place is given back when the request ends, so the service takes
/// uploads again as soon as the load drops. Taken by <see cref="UseUploadAdmission"/> before authentication: the API
/// key lookup is a database query too, and an open-loop flood of uploads past the knee otherwise filled the pool with
/// key lookups (each waiting for CPU) until uploads waited 5 s for a connection and ended in 503.
/// </summary>
public sealed class UploadAdmission : IDisposable
{
    /// <summary>Endpoint metadata: requests to this endpoint take a place before anything else touches them.</summary>
    public static readonly object Required = new AdmissionRequired();

    private readonly SemaphoreSlim _places;
    private readonly TimeSpan _wait;
    private long _refused;

    public UploadAdmission(IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Places = options.Value.MaxInFlightUploads > 0 ? options.Value.MaxInFlightUploads : int.MaxValue;
        _places = new SemaphoreSlim(Places == int.MaxValue ? 1 : Places, Places == int.MaxValue ? 1 : Places);
        _wait = options.Value.AdmissionWait;
    }

    /// <summary>Uploads worked on at once; <see cref="int.MaxValue"/> when the limit is off.</summary>
    public int Places { get; }

    /// <summary>Uploads holding a place now.</summary>
    public int InFlight => Places == int.MaxValue ? 0 : Places - _places.CurrentCount;

    /// <summary>Uploads answered 429 by this admission since the process started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>A place for one upload request, given back on dispose.</summary>
    /// <exception cref="ServiceBusyException">Every place stayed taken for <see cref="UploadOptions.AdmissionWait"/>.</exception>
    public async ValueTask<Place> EnterAsync(CancellationToken cancellationToken)
    {
        if (Places == int.MaxValue)
        {
            return default;
        }

        if (!_places.Wait(0, CancellationToken.None) && !await _places.WaitAsync(_wait, cancellationToken))
        {
            Interlocked.Increment(ref _refused);
            throw new ServiceBusyException(
                $"The service is working on {Places} uploads at once, as many as it takes; try again in a second.")
            {
                RetryAfterSeconds = 1,
                Limit = ServiceBusyException.UploadsInFlight,
            };
        }

        return new Place(_places);
    }

    public void Dispose() => _places.Dispose();

    /// <summary>
    /// Before UseAuthentication: a request to an endpoint marked <see cref="Required"/> takes a place (or is refused
    /// with 429) and holds it until the response is written.
    /// </summary>
    public static IApplicationBuilder UseUploadAdmission(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdmissionRequired>() is null)
        {
            await next(context);
            return;
        }

        using Place place = await context.RequestServices.GetRequiredService<UploadAdmission>().EnterAsync(context.RequestAborted);
        await next(context);
    });

    private sealed class AdmissionRequired;

    /// <summary>Gives the place back when disposed (nothing for the default value, the limit being off).</summary>
    public readonly struct Place(SemaphoreSlim? places) : IDisposable
    {
        public void Dispose() => places?.Release();
    }
}
