using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// API keys: <c>rr_</c> followed by 256 random bits in base64url (43 characters), so a leaked key is
/// recognisable by scanners. Only the SHA-256 of the whole key is stored; the key is shown once.
/// </summary>
public static class ApiKey
{
    public const string Prefix = "rr_";

    private const int RandomBytes = 32;

    /// <summary>Base64url of 32 bytes without padding.</summary>
    private const int EncodedLength = 43;

    public static IssuedKey Issue()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        string key = Prefix + Base64Url.EncodeToString(random);
        return new IssuedKey(key, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    /// <summary>True when <paramref name="candidate"/> has the shape of a key (cheap check before any lookup).</summary>
    public static bool HasValidShape(string candidate) =>
        candidate.Length == Prefix.Length + EncodedLength
        && candidate.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(candidate.AsSpan(Prefix.Length));

    public sealed record IssuedKey(string Key, byte[] Hash);
}
