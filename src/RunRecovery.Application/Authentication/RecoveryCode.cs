using System.Security.Cryptography;
using System.Text;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// One-time recovery codes, issued at sign-up (and again each time one is used): 160 random bits as 32 characters of
/// Crockford base32 in groups of four (<c>7KQ2-…</c>), easy to write down. Only the SHA-256 of the normalised code
/// is stored, like API keys: with 160 random bits a plain hash cannot be reversed by guessing. Input is normalised
/// (upper case, no dashes or spaces; O→0, I and L→1, as Crockford reads them).
/// </summary>
public static class RecoveryCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U

    private const int RandomBytes = 20; // 160 bits → 32 base32 characters

    public const int Characters = 32;

    public static IssuedCode Issue()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var text = new StringBuilder(Characters + (Characters / 4));
        int buffer = 0;
        int bits = 0;
        foreach (byte value in random)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                if (text.Length > 0 && text.Length % 5 == 4)
                {
                    text.Append('-');
                }

                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        string code = text.ToString();
        return new IssuedCode(code, Hash(code)!);
    }

    /// <summary>The stored hash of a code as typed, or null when it cannot be a code (wrong length or characters).</summary>
    public static byte[]? Hash(string? typed)
    {
        string? normal = Normalise(typed);
        return normal is null ? null : SHA256.HashData(Encoding.ASCII.GetBytes(normal));
    }

    private static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 100)
        {
            return null;
        }

        var normal = new StringBuilder(Characters);
        foreach (char c in typed.ToUpperInvariant())
        {
            char mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (mapped is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            normal.Append(mapped);
        }

        return normal.Length == Characters ? normal.ToString() : null;
    }

    public sealed record IssuedCode(string Code, byte[] Hash);
}
