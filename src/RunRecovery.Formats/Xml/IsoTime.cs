using System.Globalization;
using System.Runtime.CompilerServices;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// ISO 8601 / xsd:dateTime as GPX and TCX write it: "2019-11-16T07:31:05Z", with or without fractions
/// (any number of digits), with "Z", an offset ("+01:00", "+0100") or no zone (read as UTC, flagged).
/// A hand-written fast path covers those shapes; anything else goes to the framework's invariant parser.
/// </summary>
internal static class IsoTime
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset utc, out TimeSpan? offset, out bool zoneMissing)
    {
        text = text.Trim();
        if (TryFast(text, out utc, out offset, out zoneMissing))
        {
            return true;
        }

        zoneMissing = false;
        offset = null;
        if (text.Length > 0 && text[0] == 'P')
        {
            utc = default;
            return false; // an ISO duration ("P37S") written in place of a time: not a time
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            offset = parsed.Offset == TimeSpan.Zero ? null : parsed.Offset;
            utc = parsed.ToUniversalTime();
            return true;
        }

        utc = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private static bool TryFast(ReadOnlySpan<char> s, out DateTimeOffset utc, out TimeSpan? offset, out bool zoneMissing)
    {
        utc = default;
        offset = null;
        zoneMissing = false;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)
            || !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long ticks = 0;
        if (i < s.Length && (s[i] == '.' || s[i] == ','))
        {
            i++;
            long scale = TimeSpan.TicksPerSecond;
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                ticks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        TimeSpan zone = TimeSpan.Zero;
        if (i == s.Length)
        {
            zoneMissing = true;
        }
        else if (s[i] == 'Z' || s[i] == 'z')
        {
            if (i + 1 != s.Length)
            {
                return false;
            }
        }
        else if (s[i] == '+' || s[i] == '-')
        {
            int sign = s[i] == '-' ? -1 : 1;
            ReadOnlySpan<char> z = s[(i + 1)..];
            int zh;
            int zm;
            if (z.Length == 5 && z[2] == ':' && Digits(z, 0, 2, out zh) && Digits(z, 3, 2, out zm))
            {
            }
            else if (z.Length == 4 && Digits(z, 0, 2, out zh) && Digits(z, 2, 2, out zm))
            {
            }
            else if (z.Length == 2 && Digits(z, 0, 2, out zh))
            {
                zm = 0;
            }
            else
            {
                return false;
            }

            if (zh > 14 || zm > 59)
            {
                return false;
            }

            zone = new TimeSpan(sign * zh, sign * zm, 0);
            offset = zone;
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || year is < 2 or > 9998 || day > DateTime.DaysInMonth(year, month) || hour > 24 || minute > 59 || second > 60)
        {
            return false;
        }

        bool leapOrMidnight = second == 60 || hour == 24;
        var local = new DateTime(year, month, day, hour == 24 ? 0 : hour, minute, second == 60 ? 59 : second, DateTimeKind.Unspecified);
        local = local.AddTicks(ticks);
        if (leapOrMidnight)
        {
            local = local.AddSeconds(hour == 24 ? 86400 : 1);
        }

        DateTime utcTime = local - zone;
        utc = new DateTimeOffset(DateTime.SpecifyKind(utcTime, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            char c = s[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
