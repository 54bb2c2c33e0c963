using System.Globalization;
using System.Runtime.CompilerServices;

namespace RunRecovery.Formats.Xml;

/// <summary>SafeXml's numbers: how a GPX or TCX number is read, and which values are refused as absent.</summary>
internal static partial class SafeXml
{
    /// <summary>
    /// Largest magnitude a number in a GPX or TCX file may have to be read (docs/security.md, "Non-finite and extreme
    /// numbers"). Nothing an activity holds comes near it (a million kilometres, 31 years in seconds), and sums of
    /// ten million such values stay far from overflow, so no aggregate of read values can become Infinity. Larger
    /// values (<c>&lt;ele&gt;1e308&lt;/ele&gt;</c>), NaN and infinities are read as absent.
    /// </summary>
    public const double MaxMagnitude = 1e9;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public static double? ParseDouble(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        return (TryParsePlainDecimal(text, out double value)
                || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            && double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude
            ? value
            : null;
    }

    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The shape nearly every GPX/TCX number has ("46.050020082", "-12.5", "142"): an optional sign, at most 15 digits,
    /// an optional point, no exponent. Its digits as an integer (below 2^53) and the power of ten (at most 10^15) are
    /// both exact doubles, so their IEEE quotient is the correctly rounded value, bit for bit what
    /// <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/> returns (Clinger's
    /// fast path). Anything else (more digits, an exponent, "NaN") is left to the framework.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++count > 15)
                {
                    return false;
                }

                digits = (digits * 10) + (c - '0');
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (count == 0)
        {
            return false;
        }

        value = fraction > 0 ? digits / PowersOfTen[fraction] : digits;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    public static double? ParseDouble(string text) => ParseDouble(text.AsSpan());
}
