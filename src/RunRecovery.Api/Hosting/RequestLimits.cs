using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// Limits on every request before an endpoint sees it (docs/security.md, "Hostile input"): bodies at most
/// <see cref="DefaultMaxBodyBytes"/> (the upload and the club import raise their own limit per request), and JSON
/// text without NUL characters (PostgreSQL text cannot hold them; a 400 here instead of a 500 there).
/// </summary>
internal static class RequestLimits
{
    public const string MaxBodyBytesKey = "RunRecovery:Http:MaxRequestBodyBytes";

    /// <summary>The largest JSON body any endpoint needs is a few KB (a check-in with a 2,000-character note).</summary>
    public const long DefaultMaxBodyBytes = 1L << 20;

    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        long maxBodyBytes = builder.Configuration.GetValue(MaxBodyBytesKey, DefaultMaxBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new NulFreeStringConverter()));
    }
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
