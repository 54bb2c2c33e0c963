using System.Security.Cryptography;
using System.Text;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// <c>X-RunRecovery-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact request body under the
/// runner's webhook secret (the secret's UTF-8 bytes are the key). Receivers recompute it and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-RunRecovery-Signature";

    public const string DeliveryHeader = "X-RunRecovery-Delivery";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));

    public static string NewSecret() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
