using System.Runtime.CompilerServices;
using System.Xml;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Gpx;

/// <summary>
/// One GPX point (trkpt or rtept) into an <see cref="ActivitySample"/>: lat/lon, ele, time, GPX 1.0 speed, and heart
/// rate, cadence, air temperature, power and speed from any extension element matched by local name (Garmin
/// TrackPointExtension v1/v2 under any prefix, Cluetrust gpxdata, Apple/Strava variants). A missing value stays null.
/// <see cref="GpxReader"/> adds the document's structure (tracks, segments, routes).
/// </summary>
internal abstract class GpxPointReader(XmlReader reader, XmlLimits limits) : XmlActivityReader(reader, limits, FormatName)
{
    public const string FormatName = "GPX";

    private DateTimeOffset? _lastTime;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected ActivitySample ReadPoint()
    {
        int line = LineNumber;
        Attributes("lat", "lon", out string? latText, out string? lonText);
        double? lat = Coordinate(latText, 90, line);
        double? lon = Coordinate(lonText, 180, line);
        if (lat is null || lon is null)
        {
            lat = null;
            lon = null;
        }

        var values = default(PointValues);
        DateTimeOffset time = default;
        bool hasTime = false;
        if (!Reader.IsEmptyElement)
        {
            int depth = Reader.Depth;
            while (NextElement(depth, out ReadOnlySpan<char> local))
            {
                if (Reader.Depth != depth + 1)
                {
                    continue;
                }

                if (local.SequenceEqual("ele"))
                {
                    ReadOnlySpan<char> text = Short();
                    values.Elevation = SafeXml.ParseDouble(text);
                    if (values.Elevation is null && text.Length > 0)
                    {
                        Warnings.Add("ele-invalid", $"GPX: <ele> value '{Clip(text.ToString())}' is not a number; treated as missing (line {LineNumber}).");
                    }
                }
                else if (local.SequenceEqual("time"))
                {
                    hasTime = ReadTime(out time);
                }
                else if (local.SequenceEqual("speed"))
                {
                    values.Speed = SafeXml.ParseDouble(Short());
                }
                else if (local.SequenceEqual("extensions"))
                {
                    ReadExtensions(ref values);
                }
                else if (!Reader.IsEmptyElement)
                {
                    Skip();
                }
            }
        }

        if (!hasTime)
        {
            Warnings.Add("time-missing", $"GPX: a point has no usable <time> (first at line {line}); its time is treated as missing.");
        }

        return new ActivitySample(
            hasTime ? time : default,
            lat,
            lon,
            values.Elevation,
            null,
            values.Speed ?? values.ExtensionSpeed,
            values.HeartRate,
            values.Cadence,
            values.Power,
            values.Temperature)
        {
            TimeMissing = !hasTime,
        };
    }

    /// <summary>Every element inside a point's &lt;extensions&gt;, at any depth, matched by local name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private void ReadExtensions(ref PointValues values)
    {
        if (Reader.IsEmptyElement)
        {
            return;
        }

        int depth = Reader.Depth;
        while (NextElement(depth, out ReadOnlySpan<char> local))
        {
            if (Reader.IsEmptyElement)
            {
                continue;
            }

            if (Is(local, "hr") || Is(local, "heartrate"))
            {
                values.HeartRate = HeartRate(SafeXml.ParseDouble(Short()));
            }
            else if (Is(local, "cad") || Is(local, "cadence") || Is(local, "runcadence"))
            {
                values.Cadence = Cadence(SafeXml.ParseDouble(Short()));
            }
            else if (Is(local, "atemp") || Is(local, "temp") || Is(local, "temperature"))
            {
                double? value = SafeXml.ParseDouble(Short());
                values.Temperature = value is > -100 and < 100 ? value : null;
            }
            else if (Is(local, "power") || Is(local, "powerinwatts") || Is(local, "watts"))
            {
                values.Power = Power(SafeXml.ParseDouble(Short()));
            }
            else if (Is(local, "speed"))
            {
                values.ExtensionSpeed = Speed(SafeXml.ParseDouble(Short()));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private bool ReadTime(out DateTimeOffset time)
    {
        ReadOnlySpan<char> text = Short();
        if (!IsoTime.TryParse(text, out time, out TimeSpan? offset, out bool zoneMissing))
        {
            if (text.Length > 0)
            {
                Warnings.Add("time-invalid", $"GPX: <time> value '{Clip(text.ToString())}' is not a date and time; treated as missing (line {LineNumber}).");
            }

            return false;
        }

        if (zoneMissing)
        {
            Warnings.Add("time-zone-missing", "GPX: a <time> has no zone designator; read as UTC as GPX 1.1 specifies.");
        }

        if (offset is not null)
        {
            UtcOffset ??= offset;
        }

        if (time.Year < 1980)
        {
            Warnings.Add("time-implausible", $"GPX: <time> {text.Trim().ToString()} is before 1980 (a device clock that was never set?) (line {LineNumber}).");
        }

        if (_lastTime is { } last && time < last)
        {
            Warnings.Add("time-backwards", $"GPX: point times go backwards (first at line {LineNumber}).");
        }

        _lastTime = time;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private double? Coordinate(string? text, double bound, int line)
    {
        if (text is null)
        {
            Warnings.Add("position-missing", $"GPX: a point has no lat/lon attribute (first at line {line}).");
            return null;
        }

        double? value = Coordinate(text, bound);
        if (value is null)
        {
            Warnings.Add("position-invalid", $"GPX: coordinate '{Clip(text)}' is not valid; the point's position is treated as missing (line {line}).");
        }

        return value;
    }

    private static bool Is(ReadOnlySpan<char> local, string name) => local.Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A value quoted in a warning, cut to 40 characters.</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>What a point's child elements and extensions said, before it becomes a sample.</summary>
    private struct PointValues
    {
        public double? Elevation;
        public double? Speed;
        public double? ExtensionSpeed;
        public int? HeartRate;
        public double? Cadence;
        public double? Temperature;
        public int? Power;
    }
}
