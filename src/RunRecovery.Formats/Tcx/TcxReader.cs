using System.Globalization;
using System.Xml;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Tcx;

/// <summary>
/// Reads Garmin Training Center XML (TCX v2): each Activity (also inside MultiSportSession) becomes a session,
/// each Lap an <see cref="ActivityLap"/> with its stated totals, each Trackpoint a sample (Time, Position,
/// AltitudeMeters, DistanceMeters, HeartRateBpm, Cadence, and Speed/RunCadence/Watts from the ActivityExtension
/// under any prefix or default namespace). A Course is read as an untimed-sport route with a warning.
/// Tolerates a BOM and whitespace before the XML declaration.
/// </summary>
public static class TcxReader
{
    private const string Format = "TCX";

    public static ParsedActivity Read(ReadOnlyMemory<byte> content, XmlLimits? limits = null) =>
        Read(ActivityBytes.AsStream(SafeXml.SkipLeadingWhitespace(content)), limits);

    public static ParsedActivity Read(Stream stream, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        using XmlTextReader reader = SafeXml.Open(stream, limits, out _);
        try
        {
            return new Parser(reader, limits).Run();
        }
        catch (XmlException error)
        {
            throw SafeXml.Translate(error, Format, reader);
        }
    }

    private sealed class Parser(XmlTextReader reader, XmlLimits limits)
    {
        private readonly List<ActivitySample> _samples = [];
        private readonly List<int> _segmentStarts = [];
        private readonly List<ActivitySession> _sessions = [];
        private readonly List<ActivityLap> _laps = [];
        private readonly WarningList _warnings = new();
        private readonly string[] _path = new string[64];
        private TimeSpan? _offset;
        private string? _name;
        private string? _creator;

        public ParsedActivity Run()
        {
            while (reader.Read() && reader.NodeType != XmlNodeType.Element)
            {
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                throw new XmlFormatException("malformed", "TCX: the document has no root element.", reader.LineNumber, reader.LinePosition);
            }

            if (!SafeXml.Local(reader.Name).SequenceEqual("TrainingCenterDatabase"))
            {
                throw new XmlFormatException(
                    "unsupported-format", $"TCX: the root element is <{reader.Name}>, not <TrainingCenterDatabase>.", reader.LineNumber, reader.LinePosition);
            }

            if (!reader.IsEmptyElement)
            {
                int depth = reader.Depth;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                    {
                        break;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    SafeXml.CheckDepth(reader, limits);
                    ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                    if (local.SequenceEqual("Activity"))
                    {
                        ReadActivity(course: false);
                    }
                    else if (local.SequenceEqual("Course"))
                    {
                        _warnings.Add("tcx-course", "TCX: the file holds a Course (a planned route), not a recorded activity.");
                        ReadActivity(course: true);
                    }
                    else if (local.SequenceEqual("Name") && reader.Depth == depth + 2 && _creator is null)
                    {
                        _creator = SafeXml.ReadText(reader, limits).Trim(); // Author/Name
                    }

                    // Everything else (Activities, MultiSportSession, FirstSport, NextSport, Courses, Author…) is descended into.
                }
            }

            return new ParsedActivity
            {
                Format = ActivityFormat.Tcx,
                Sport = _sessions.Select(s => s.Sport).FirstOrDefault(s => s is not Sport.Transition and not Sport.Unknown, Sport.Unknown),
                Name = _name,
                StartUtc = _sessions.Select(s => s.StartUtc).FirstOrDefault(s => s is not null)
                    ?? (_samples.Count > 0 ? _samples[0].Time : null),
                UtcOffset = _offset,
                Device = _creator is null or "" ? null : new DeviceInfo(null, _creator, null, null),
                Samples = _samples,
                Sessions = _sessions,
                Laps = _laps,
                SegmentStartIndices = _segmentStarts.Count > 1 ? _segmentStarts : [],
                Warnings = _warnings.ToList(),
            };
        }

        private void ReadActivity(bool course)
        {
            Sport sport = course ? Sport.Unknown : GpxSport.FromType(reader.GetAttribute("Sport"));
            if (reader.IsEmptyElement)
            {
                return;
            }

            int depth = reader.Depth;
            int first = _samples.Count;
            int firstLap = _laps.Count;
            DateTimeOffset? id = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                SafeXml.CheckDepth(reader, limits);
                ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                if (local.SequenceEqual("Lap"))
                {
                    ReadLap();
                }
                else if (local.SequenceEqual("Track"))
                {
                    _segmentStarts.Add(_samples.Count);
                    ReadTrack();
                }
                else if ((local.SequenceEqual("Id") || local.SequenceEqual("Name")) && reader.Depth == depth + 1)
                {
                    string text = SafeXml.ReadText(reader, limits).Trim();
                    _name ??= text.Length > 0 ? text : null;
                    if (IsoTime.TryParse(text, out DateTimeOffset t, out _, out _))
                    {
                        id = t;
                    }
                }
                else if (local.SequenceEqual("Creator") && !reader.IsEmptyElement)
                {
                    _creator = ReadChildText("Name") ?? _creator;
                }
                else if (!reader.IsEmptyElement && !local.SequenceEqual("Extensions"))
                {
                    Skip();
                }
            }

            int count = _samples.Count - first;
            List<ActivityLap> laps = _laps.GetRange(firstLap, _laps.Count - firstLap);
            DateTimeOffset? start = id ?? laps.Select(l => l.StartUtc).FirstOrDefault(s => s is not null) ?? (count > 0 ? _samples[first].Time : null);
            DateTimeOffset? end = count > 0 ? _samples[first + count - 1].Time : null;
            foreach (ActivityLap lap in laps)
            {
                if (lap.StartUtc is { } ls && lap.TimerTime is { } lt && (end is null || ls + lt > end))
                {
                    end = ls + lt;
                }
            }

            double lapSeconds = laps.Sum(l => l.TimerTime?.TotalSeconds ?? 0);
            _sessions.Add(new ActivitySession
            {
                Sport = sport,
                StartUtc = start,
                ElapsedTime = start is { } s && end is { } e && e >= s ? e - s : null,
                TimerTime = laps.Any(l => l.TimerTime is not null) ? TimeSpan.FromSeconds(lapSeconds) : null,
                DistanceMeters = laps.Any(l => l.DistanceMeters is not null) ? laps.Sum(l => l.DistanceMeters ?? 0) : null,
                AvgHeartRateBpm = WeightedHeartRate(laps),
                MaxHeartRateBpm = laps.Max(l => l.MaxHeartRateBpm),
                FirstSampleIndex = first,
                SampleCount = count,
            });
        }

        private static int? WeightedHeartRate(List<ActivityLap> laps)
        {
            double sum = 0;
            double weight = 0;
            foreach (ActivityLap lap in laps)
            {
                if (lap.AvgHeartRateBpm is { } hr && lap.TimerTime is { } t && t > TimeSpan.Zero)
                {
                    sum += hr * t.TotalSeconds;
                    weight += t.TotalSeconds;
                }
            }

            return weight > 0 ? (int)Math.Round(sum / weight) : null;
        }

        private void ReadLap()
        {
            DateTimeOffset? start = null;
            string? startText = reader.GetAttribute("StartTime");
            if (startText is not null && IsoTime.TryParse(startText, out DateTimeOffset parsed, out TimeSpan? offset, out _))
            {
                start = parsed;
                _offset ??= offset;
            }

            double? seconds = null;
            double? distance = null;
            int? avgHr = null;
            int? maxHr = null;
            bool trackInLap = false;
            if (!reader.IsEmptyElement)
            {
                int depth = reader.Depth;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                    {
                        break;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    SafeXml.CheckDepth(reader, limits);
                    ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                    if (local.SequenceEqual("Track"))
                    {
                        // A second Track inside one lap follows a timer stop: a new segment. A lap's first Track
                        // continues the previous lap's path.
                        if (trackInLap || _samples.Count == 0)
                        {
                            _segmentStarts.Add(_samples.Count);
                        }

                        trackInLap = true;
                        ReadTrack();
                    }
                    else if (reader.Depth != depth + 1)
                    {
                        if (!reader.IsEmptyElement)
                        {
                            Skip();
                        }
                    }
                    else if (local.SequenceEqual("TotalTimeSeconds"))
                    {
                        seconds = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                    }
                    else if (local.SequenceEqual("DistanceMeters"))
                    {
                        distance = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                    }
                    else if (local.SequenceEqual("AverageHeartRateBpm"))
                    {
                        avgHr = HeartRate(ReadChildText("Value"));
                    }
                    else if (local.SequenceEqual("MaximumHeartRateBpm"))
                    {
                        maxHr = HeartRate(ReadChildText("Value"));
                    }
                    else if (!reader.IsEmptyElement)
                    {
                        Skip();
                    }
                }
            }

            _laps.Add(new ActivityLap
            {
                StartUtc = start,
                TimerTime = seconds is >= 0 and < 1e8 ? TimeSpan.FromSeconds(seconds.Value) : null,
                DistanceMeters = distance is >= 0 ? distance : null,
                AvgHeartRateBpm = avgHr,
                MaxHeartRateBpm = maxHr,
            });
        }

        private void ReadTrack()
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            int depth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    return;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                SafeXml.CheckDepth(reader, limits);
                if (SafeXml.Local(reader.Name).SequenceEqual("Trackpoint"))
                {
                    if (_samples.Count >= limits.MaxPoints)
                    {
                        throw new XmlSecurityException(
                            $"TCX: more than {limits.MaxPoints} trackpoints refused.", reader.LineNumber, reader.LinePosition);
                    }

                    ReadTrackpoint();
                }
                else if (!reader.IsEmptyElement)
                {
                    Skip();
                }
            }
        }

        private void ReadTrackpoint()
        {
            int line = reader.LineNumber;
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
            if (!reader.IsEmptyElement)
            {
                int depth = reader.Depth;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        if (reader.Depth == depth)
                        {
                            break;
                        }

                        continue;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    SafeXml.CheckDepth(reader, limits);
                    _path[reader.Depth - depth] = reader.Name;
                    if (reader.IsEmptyElement)
                    {
                        continue;
                    }

                    ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                    if (local.SequenceEqual("Time"))
                    {
                        string text = SafeXml.ReadText(reader, limits);
                        hasTime = IsoTime.TryParse(text, out time, out TimeSpan? offset, out _);
                        _offset ??= offset;
                    }
                    else if (local.SequenceEqual("LatitudeDegrees"))
                    {
                        lat = Coordinate(SafeXml.ReadText(reader, limits), 90, line);
                    }
                    else if (local.SequenceEqual("LongitudeDegrees"))
                    {
                        lon = Coordinate(SafeXml.ReadText(reader, limits), 180, line);
                    }
                    else if (local.SequenceEqual("AltitudeMeters"))
                    {
                        alt = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                    }
                    else if (local.SequenceEqual("DistanceMeters"))
                    {
                        distance = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                    }
                    else if (local.SequenceEqual("Value") && reader.Depth - depth >= 2
                        && SafeXml.Local(_path[reader.Depth - depth - 1]).SequenceEqual("HeartRateBpm"))
                    {
                        hr = HeartRate(SafeXml.ReadText(reader, limits));
                    }
                    else if (local.SequenceEqual("Cadence") || local.SequenceEqual("RunCadence"))
                    {
                        double? value = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                        cadence = value is >= 0 and < 1000 ? value : cadence;
                    }
                    else if (local.SequenceEqual("Speed"))
                    {
                        double? value = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                        speed = value is >= 0 and < 200 ? value : null;
                    }
                    else if (local.SequenceEqual("Watts"))
                    {
                        double? value = SafeXml.ParseDouble(SafeXml.ReadText(reader, limits));
                        power = value is >= 0 and < 10000 ? (int)Math.Round(value.Value) : null;
                    }
                }
            }

            if (!hasTime)
            {
                _warnings.Add("time-missing", $"TCX: a Trackpoint has no usable <Time> (first at line {line}); it was skipped.");
                return;
            }

            if (lat is null || lon is null)
            {
                lat = null;
                lon = null;
            }
            else if (lat == 0 && lon == 0)
            {
                _warnings.Add("position-zero", $"TCX: a Trackpoint is at 0°, 0° (a placeholder); its position is treated as missing (line {line}).");
                lat = null;
                lon = null;
            }

            _samples.Add(new ActivitySample(time, lat, lon, alt, distance is >= 0 ? distance : null, speed, hr, cadence, power));
        }

        private double? Coordinate(string text, double bound, int line)
        {
            double? value = SafeXml.ParseDouble(text);
            if (value is null || Math.Abs(value.Value) > bound)
            {
                _warnings.Add("position-invalid", $"TCX: coordinate '{(text.Length > 40 ? text[..40] : text)}' is not valid; the position is treated as missing (line {line}).");
                return null;
            }

            return value;
        }

        /// <summary>Reads the text of the named child of the current element and leaves the reader on its end tag.</summary>
        private string? ReadChildText(string child)
        {
            if (reader.IsEmptyElement)
            {
                return null;
            }

            int depth = reader.Depth;
            string? found = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    break;
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    SafeXml.CheckDepth(reader, limits);
                    if (reader.Depth == depth + 1 && SafeXml.Local(reader.Name).SequenceEqual(child))
                    {
                        found = SafeXml.ReadText(reader, limits).Trim();
                    }
                }
            }

            return found;
        }

        /// <summary>1–254 bpm as stated (FIT's own range); other numbers are left out, with a warning unless 0.</summary>
        private int? HeartRate(string? text)
        {
            double? value = text is null ? null : SafeXml.ParseDouble(text);
            if (value is > 0 and < 255)
            {
                return (int)Math.Round(value.Value);
            }

            if (value is >= 255 or < 0) // 0 is the usual "no reading", not worth a warning
            {
                _warnings.Add("heart-rate-out-of-range", $"TCX: heart rate {value.Value.ToString(CultureInfo.InvariantCulture)} bpm is not a heart rate; left out (line {reader.LineNumber}).");
            }

            return null;
        }

        private void Skip()
        {
            int depth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    SafeXml.CheckDepth(reader, limits);
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    return;
                }
            }
        }
    }
}
