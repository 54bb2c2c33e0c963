using System.Security.Cryptography;
using System.Text;

namespace RunRecovery.Application.Clubs;

/// <summary>
/// Invite and claim codes: 16 characters of Crockford base32 (80 random bits) in groups of four, easy to read
/// aloud and to type. Only their SHA-256 is stored; comparison ignores case, dashes and spaces.
/// </summary>
public static class ClubCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int Length = 16;

    public static string Issue()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        var code = new StringBuilder(Length + 3);
        for (int i = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[random[i] & 31]);
        }

        return code.ToString();
    }

    /// <summary>The stored form of a code as a person might type it (any case, with or without dashes).</summary>
    public static byte[] Hash(string code)
    {
        string normalized = new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return SHA256.HashData(Encoding.ASCII.GetBytes(normalized));
    }
}
