using System.Runtime.CompilerServices;
using System.Xml;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Tcx;

/// <summary>
/// A TCX Track's Trackpoints into samples: Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm, Cadence, and
/// Speed/RunCadence/Watts from the ActivityExtension under any prefix or default namespace. A Trackpoint without a
/// usable time is dropped with a warning (every real one has one). <see cref="TcxReader"/> adds the document's
/// structure (activities, laps, sessions).
/// </summary>
/// <param name="capacity">Samples to reserve (an estimate from the file's size), so a large file's list is not regrown from 16.</param>
internal abstract class TcxTrackReader(XmlReader reader, XmlLimits limits, int capacity) : XmlActivityReader(reader, limits, FormatName)
{
    public const string FormatName = "TCX";

    private readonly string[] _path = new string[64];

    protected List<ActivitySample> Samples { get; } = new(capacity);

    /// <summary>Where each recording segment starts (a Track, or a second Track in one lap), as <see cref="Thinning"/> ordinals.</summary>
    protected List<int> SegmentStarts { get; } = [];

    /// <summary>Bounds <see cref="Samples"/> while the file is read; boundaries are recorded as its ordinals.</summary>
    protected SampleThinning Thinning { get; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected void ReadTrack()
    {
        if (Reader.IsEmptyElement)
        {
            return;
        }

        int depth = Reader.Depth;
        while (NextElement(depth, out ReadOnlySpan<char> local))
        {
            if (local.SequenceEqual("Trackpoint"))
            {
                CheckPointLimit(Thinning.Offered, "trackpoints");
                ReadTrackpoint();
            }
            else if (!Reader.IsEmptyElement)
            {
                Skip();
            }
        }
    }

    /// <summary>1–254 bpm as stated; other numbers are left out, with a warning unless 0.</summary>
    protected int? HeartRate(string? text) => HeartRate(text is null ? null : SafeXml.ParseDouble(text));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private void ReadTrackpoint()
    {
        int line = LineNumber;
        DateTimeOffset time = default;
        bool hasTime = false;
        double? lat = null;
        double? lon = null;
        double? alt = null;
        double? distance = null;
        double? speed = null;
        int? hr = null;
        double? cadence = null;
        int? power = null;
        if (!Reader.IsEmptyElement)
        {
            int depth = Reader.Depth;
            while (NextElement(depth, out ReadOnlySpan<char> local))
            {
                _path[Reader.Depth - depth] = Reader.Name;
                if (Reader.IsEmptyElement)
                {
                    continue;
                }

                if (local.SequenceEqual("Time"))
                {
                    hasTime = IsoTime.TryParse(Text(), out time, out TimeSpan? offset, out _);
                    UtcOffset ??= offset;
                }
                else if (local.SequenceEqual("LatitudeDegrees"))
                {
                    lat = Coordinate(Text(), 90, line);
                }
                else if (local.SequenceEqual("LongitudeDegrees"))
                {
                    lon = Coordinate(Text(), 180, line);
                }
                else if (local.SequenceEqual("AltitudeMeters"))
                {
                    alt = SafeXml.ParseDouble(Text());
                }
                else if (local.SequenceEqual("DistanceMeters"))
                {
                    distance = SafeXml.ParseDouble(Text());
                }
                else if (local.SequenceEqual("Value") && Reader.Depth - depth >= 2
                    && SafeXml.Local(_path[Reader.Depth - depth - 1]).SequenceEqual("HeartRateBpm"))
                {
                    hr = HeartRate(SafeXml.ParseDouble(Text()));
                }
                else if (local.SequenceEqual("Cadence") || local.SequenceEqual("RunCadence"))
                {
                    cadence = Cadence(SafeXml.ParseDouble(Text())) ?? cadence;
                }
                else if (local.SequenceEqual("Speed"))
                {
                    speed = Speed(SafeXml.ParseDouble(Text()));
                }
                else if (local.SequenceEqual("Watts"))
                {
                    power = Power(SafeXml.ParseDouble(Text()));
                }
            }
        }

        if (!hasTime)
        {
            Warnings.Add("time-missing", $"TCX: a Trackpoint has no usable <Time> (first at line {line}); it was skipped.");
            return;
        }

        if (lat is null || lon is null)
        {
            lat = null;
            lon = null;
        }
        else if (lat == 0 && lon == 0)
        {
            Warnings.Add("position-zero", $"TCX: a Trackpoint is at 0°, 0° (a placeholder); its position is treated as missing (line {line}).");
            lat = null;
            lon = null;
        }

        if (Thinning.Admit(Samples, Warnings, FormatName))
        {
            Samples.Add(new ActivitySample(time, lat, lon, alt, distance is >= 0 ? distance : null, speed, hr, cadence, power));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private double? Coordinate(ReadOnlySpan<char> text, double bound, int line)
    {
        double? value = Coordinate(text, bound);
        if (value is null)
        {
            Warnings.Add("position-invalid", $"TCX: coordinate '{(text.Length > 40 ? text[..40] : text)}' is not valid; the position is treated as missing (line {line}).");
        }

        return value;
    }
}
