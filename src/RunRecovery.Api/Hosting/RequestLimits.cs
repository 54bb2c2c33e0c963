using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// Limits on every request before an endpoint sees it (docs/security.md, "Hostile input" and "Slow bodies"): bodies at
/// most <see cref="DefaultMaxBodyBytes"/> (the upload and the club import raise their own limit per request), arriving
/// at no less than <see cref="DefaultMinBodyBytesPerSecond"/> and within a deadline (<see cref="RequestBodyDeadlines"/>),
/// and JSON text without NUL characters (PostgreSQL text cannot hold them; a 400 here instead of a 500 there).
/// </summary>
internal static class RequestLimits
{
    public const string MaxBodyBytesKey = "RunRecovery:Http:MaxRequestBodyBytes";

    public const string MinBodyRateKey = "RunRecovery:Http:MinRequestBodyBytesPerSecond";

    /// <summary>The largest JSON body any endpoint needs is a few KB (a check-in with a 2,000-character note).</summary>
    public const long DefaultMaxBodyBytes = 1L << 20;

    /// <summary>
    /// Kestrel's default is 240 B/s. 1 KiB/s (8 kbit/s) is still below the slowest mobile data link in use (GPRS, a few
    /// tens of kbit/s), so no real client is cut off; a body that stalls below it is refused after the grace period.
    /// </summary>
    public const double DefaultMinBodyBytesPerSecond = 1024;

    /// <summary>Kestrel's own grace period: a new connection may be slow for this long before the rate applies.</summary>
    public static readonly TimeSpan MinBodyRateGrace = TimeSpan.FromSeconds(5);

    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        long maxBodyBytes = builder.Configuration.GetValue(MaxBodyBytesKey, DefaultMaxBodyBytes);
        double minRate = builder.Configuration.GetValue(MinBodyRateKey, DefaultMinBodyBytesPerSecond);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = minRate > 0 ? new MinDataRate(minRate, MinBodyRateGrace) : null;
        });
        builder.Services.AddSingleton(RequestBodyDeadlines.From(builder.Configuration, maxBodyBytes));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new NulFreeStringConverter()));
    }

    /// <summary>First in the pipeline, so every reader of a body reads through the deadline.</summary>
    public static void UseRequestLimits(this WebApplication app) => app.Services.GetRequiredService<RequestBodyDeadlines>().Use(app);
}

/// <summary>Reads JSON strings as usual but refuses any holding U+0000; writes them unchanged.</summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public const string Message = "Text may not contain NUL (U+0000) characters.";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(Message) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
