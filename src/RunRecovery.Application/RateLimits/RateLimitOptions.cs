namespace RunRecovery.Application.RateLimits;

/// <summary>The per-key limit on every request made with an API key, bound from <c>RunRecovery:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RunRecovery:RateLimits";

    /// <summary>Requests allowed per API key per <see cref="Window"/>, whatever the route; 0 turns the limit off.</summary>
    public int RequestsPerWindow { get; set; } = 1000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A fixed window: <paramref name="Permits"/> per <paramref name="Window"/>; 0 permits is no limit.</summary>
public readonly record struct RateLimitRule(int Permits, TimeSpan Window);

/// <summary>
/// Endpoint metadata: a limit of its own on top of the general one (the upload's), named <paramref name="Name"/>
/// (the counter is per name and key), with the 429 problem's title and the rule read from the request's services.
/// </summary>
public sealed record KeyedRateLimit(string Name, string Title, Func<IServiceProvider, RateLimitRule> Rule);
