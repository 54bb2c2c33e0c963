using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities;

/// <summary>
/// Stored files parsed for <c>/samples</c> and <c>/splits</c>, kept between reads so a chart that asks again (another
/// interval, other streams) does not parse the file again: bounded by <see cref="UploadOptions.ParsedCacheBytes"/>
/// (each entry weighed at <see cref="BytesPerSample"/> a sample; least recently used first out when full) and
/// dropped after <see cref="Idle"/> unread. A stored file never changes, so an activity's id is its key; who may
/// read it is checked against the database on every request, before the cache is asked.
/// </summary>
public sealed class ParsedActivityCache(IOptions<UploadOptions> options, ParseGate gate) : IDisposable
{
    /// <summary>What one parsed sample holds in memory (an <see cref="ActivitySample"/> is 88 bytes since the compact sample).</summary>
    public const int BytesPerSample = 88;

    /// <summary>An entry nobody read for this long is dropped.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly long _limit = options.Value.ParsedCacheBytes;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.ParsedCacheBytes),
        CompactionPercentage = 0.25,
    });

    /// <summary>Parses of stored files so far (a cache miss each): what tests and operators watch.</summary>
    public long Parses => Interlocked.Read(ref _parses);

    private long _parses;

    /// <summary>
    /// The parsed activity from the cache, or <paramref name="parse"/> of the bytes <paramref name="load"/> returns,
    /// inside a <see cref="ParseGate"/> slot (a request that cannot get one answers 429).
    /// </summary>
    public async Task<ParsedActivity> GetOrParseAsync(
        Guid activityId, Func<CancellationToken, Task<byte[]>> load, Func<byte[], ParsedActivity> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(parse);
        if (_limit > 0 && _cache.TryGetValue(activityId, out ParsedActivity? cached) && cached is not null)
        {
            return cached;
        }

        byte[] content = await load(cancellationToken);
        ParsedActivity parsed;
        using (await gate.EnterAsync(cancellationToken))
        {
            parsed = parse(content);
        }

        Interlocked.Increment(ref _parses);
        long size = (long)Math.Max(1, parsed.Samples.Count) * BytesPerSample;
        if (_limit > 0 && size <= _limit)
        {
            _cache.Set(activityId, parsed, new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Idle });
        }

        return parsed;
    }

    public void Dispose() => _cache.Dispose();
}
