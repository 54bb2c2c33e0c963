using System.Globalization;
using System.Xml;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Gpx;

/// <summary>
/// Reads GPX 1.0 and 1.1 into <see cref="ParsedActivity"/>: every trk/trkseg/trkpt in document order (one
/// session per track that has points, one segment per non-empty trkseg), or the rte/rtept points when the file
/// has no track point at all. Per point: lat/lon, ele, time, GPX 1.0 speed, and heart rate, cadence, air
/// temperature, power and speed from any extension element matched by local name (Garmin TrackPointExtension
/// v1/v2 under any prefix, Cluetrust gpxdata, Apple/Strava variants). A missing value stays null.
/// </summary>
public static class GpxReader
{
    private const string Format = "GPX";

    public static ParsedActivity Read(Stream stream, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= XmlLimits.Default;

        // A track point takes 60–400 bytes; reserving for ~200 avoids regrowing a list of large structs.
        int capacity = stream.CanSeek ? (int)Math.Clamp(stream.Length / 200, 16, 4_000_000) : 16;
        using XmlTextReader reader = SafeXml.Open(stream, limits, out _);
        try
        {
            return new Parser(reader, limits, capacity).Run();
        }
        catch (XmlException error)
        {
            throw SafeXml.Translate(error, Format, reader);
        }
    }

    public static ParsedActivity Read(ReadOnlyMemory<byte> content, XmlLimits? limits = null) =>
        Read(ActivityBytes.AsStream(SafeXml.SkipLeadingWhitespace(content)), limits);

    private sealed class Parser(XmlTextReader reader, XmlLimits limits, int capacity)
    {
        private readonly List<ActivitySample> _track = new(capacity);
        private readonly List<ActivitySample> _route = [];
        private readonly List<int> _segmentStarts = [];
        private readonly List<ActivitySession> _sessions = [];
        private readonly WarningList _warnings = new();
        private readonly char[] _text = new char[128];
        private TimeSpan? _offset;
        private string? _name;
        private Sport _sport = Sport.Unknown;
        private string? _creator;
        private DateTimeOffset? _lastTime;

        public ParsedActivity Run()
        {
            if (!MoveToRoot())
            {
                throw new XmlFormatException("malformed", "GPX: the document has no root element.", reader.LineNumber, reader.LinePosition);
            }

            if (!SafeXml.Local(reader.Name).Equals("gpx", StringComparison.OrdinalIgnoreCase))
            {
                throw new XmlFormatException(
                    "unsupported-format", $"GPX: the root element is <{reader.Name}>, not <gpx>.", reader.LineNumber, reader.LinePosition);
            }

            _creator = reader.GetAttribute("creator");
            if (reader.IsEmptyElement)
            {
                return Build();
            }

            int rootDepth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == rootDepth)
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                SafeXml.CheckDepth(reader, limits);
                ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                if (local.SequenceEqual("trk"))
                {
                    ReadTrack();
                }
                else if (local.SequenceEqual("rte"))
                {
                    ReadRoute();
                }
                else if (!reader.IsEmptyElement)
                {
                    SkipElement(); // wpt, metadata, extensions: nothing a run needs
                }
            }

            return Build();
        }

        private bool MoveToRoot()
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return true;
                }
            }

            return false;
        }

        private void ReadTrack()
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            int depth = reader.Depth;
            int first = _track.Count;
            string? type = null;
            string? name = null;
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
                if (local.SequenceEqual("trkseg"))
                {
                    ReadSegment(_track, "trkpt");
                }
                else if (local.SequenceEqual("type") && reader.Depth == depth + 1)
                {
                    type = SafeXml.ReadText(reader, limits);
                }
                else if (local.SequenceEqual("name") && reader.Depth == depth + 1)
                {
                    name = SafeXml.ReadText(reader, limits);
                }
                else if (!reader.IsEmptyElement)
                {
                    SkipElement();
                }
            }

            int count = _track.Count - first;
            if (count == 0)
            {
                return;
            }

            Sport sport = GpxSport.FromType(type);
            if (_sessions.Count == 0)
            {
                _sport = sport;
                _name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
            }

            _sessions.Add(new ActivitySession
            {
                Sport = sport,
                StartUtc = FirstTime(_track, first, count),
                FirstSampleIndex = first,
                SampleCount = count,
            });
        }

        private void ReadRoute()
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            ReadSegment(_route, "rtept", routeDepth: reader.Depth);
        }

        /// <summary>Reads the points of a trkseg (or a rte when <paramref name="routeDepth"/> is set).</summary>
        private void ReadSegment(List<ActivitySample> into, string pointName, int? routeDepth = null)
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            int depth = routeDepth ?? reader.Depth;
            bool started = false;
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
                if (SafeXml.Local(reader.Name).SequenceEqual(pointName))
                {
                    if (!started && ReferenceEquals(into, _track))
                    {
                        _segmentStarts.Add(into.Count);
                    }

                    started = true;
                    if (_track.Count + _route.Count >= limits.MaxPoints)
                    {
                        throw new XmlSecurityException(
                            $"GPX: more than {limits.MaxPoints} points refused.", reader.LineNumber, reader.LinePosition);
                    }

                    into.Add(ReadPoint());
                }
                else if (!reader.IsEmptyElement)
                {
                    SkipElement();
                }
            }
        }

        private ActivitySample ReadPoint()
        {
            int line = reader.LineNumber;
            double? lat = Coordinate(reader.GetAttribute("lat"), 90, line);
            double? lon = Coordinate(reader.GetAttribute("lon"), 180, line);
            if (lat is null || lon is null)
            {
                lat = null;
                lon = null;
            }

            double? ele = null;
            double? speed = null;
            double? extensionSpeed = null;
            int? hr = null;
            double? cadence = null;
            double? temperature = null;
            int? power = null;
            DateTimeOffset time = default;
            bool hasTime = false;

            if (!reader.IsEmptyElement)
            {
                int depth = reader.Depth;
                bool inExtensions = false;
                int extensionsDepth = 0;
                while (reader.Read())
                {
                    XmlNodeType type = reader.NodeType;
                    if (type == XmlNodeType.EndElement)
                    {
                        if (reader.Depth == depth)
                        {
                            break;
                        }

                        if (inExtensions && reader.Depth == extensionsDepth)
                        {
                            inExtensions = false;
                        }

                        continue;
                    }

                    if (type != XmlNodeType.Element)
                    {
                        continue;
                    }

                    SafeXml.CheckDepth(reader, limits);
                    ReadOnlySpan<char> local = SafeXml.Local(reader.Name);
                    if (inExtensions)
                    {
                        ReadExtensionValue(local, ref hr, ref cadence, ref temperature, ref power, ref extensionSpeed);
                        continue;
                    }

                    if (reader.Depth != depth + 1)
                    {
                        continue;
                    }

                    if (local.SequenceEqual("ele"))
                    {
                        ReadOnlySpan<char> text = Short();
                        ele = SafeXml.ParseDouble(text);
                        if (ele is null && text.Length > 0)
                        {
                            _warnings.Add("ele-invalid", $"GPX: <ele> value '{Clip(text.ToString())}' is not a number; treated as missing (line {reader.LineNumber}).");
                        }
                    }
                    else if (local.SequenceEqual("time"))
                    {
                        hasTime = ReadTime(out time);
                    }
                    else if (local.SequenceEqual("speed"))
                    {
                        speed = SafeXml.ParseDouble(Short());
                    }
                    else if (local.SequenceEqual("extensions"))
                    {
                        if (!reader.IsEmptyElement)
                        {
                            inExtensions = true;
                            extensionsDepth = reader.Depth;
                        }
                    }
                    else if (!reader.IsEmptyElement)
                    {
                        SkipElement();
                    }
                }
            }

            if (!hasTime)
            {
                _warnings.Add("time-missing", $"GPX: a point has no usable <time> (first at line {line}); its time is treated as missing.");
            }

            return new ActivitySample(
                hasTime ? time : default,
                lat,
                lon,
                ele,
                null,
                speed ?? extensionSpeed,
                hr,
                cadence,
                power,
                temperature)
            {
                TimeMissing = !hasTime,
            };
        }

        private void ReadExtensionValue(
            ReadOnlySpan<char> local, ref int? hr, ref double? cadence, ref double? temperature, ref int? power, ref double? speed)
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            if (Is(local, "hr") || Is(local, "heartrate"))
            {
                double? value = SafeXml.ParseDouble(Short());
                hr = value is > 0 and < 255 ? (int)Math.Round(value.Value) : null;
                if (value is >= 255 or < 0) // 0 is the usual "no reading", not worth a warning
                {
                    _warnings.Add("heart-rate-out-of-range", $"GPX: heart rate {value.Value.ToString(CultureInfo.InvariantCulture)} bpm is not a heart rate; left out (line {reader.LineNumber}).");
                }
            }
            else if (Is(local, "cad") || Is(local, "cadence") || Is(local, "runcadence"))
            {
                double? value = SafeXml.ParseDouble(Short());
                cadence = value is >= 0 and < 1000 ? value : null;
            }
            else if (Is(local, "atemp") || Is(local, "temp") || Is(local, "temperature"))
            {
                double? value = SafeXml.ParseDouble(Short());
                temperature = value is > -100 and < 100 ? value : null;
            }
            else if (Is(local, "power") || Is(local, "powerinwatts") || Is(local, "watts"))
            {
                double? value = SafeXml.ParseDouble(Short());
                power = value is >= 0 and < 10000 ? (int)Math.Round(value.Value) : null;
            }
            else if (Is(local, "speed"))
            {
                double? value = SafeXml.ParseDouble(Short());
                speed = value is >= 0 and < 200 ? value : null;
            }
        }

        private bool ReadTime(out DateTimeOffset time)
        {
            ReadOnlySpan<char> text = Short();
            if (!IsoTime.TryParse(text, out time, out TimeSpan? offset, out bool zoneMissing))
            {
                if (text.Length > 0)
                {
                    _warnings.Add("time-invalid", $"GPX: <time> value '{Clip(text.ToString())}' is not a date and time; treated as missing (line {reader.LineNumber}).");
                }

                return false;
            }

            if (zoneMissing)
            {
                _warnings.Add("time-zone-missing", "GPX: a <time> has no zone designator; read as UTC as GPX 1.1 specifies.");
            }

            if (offset is not null)
            {
                _offset ??= offset;
            }

            if (time.Year < 1980)
            {
                _warnings.Add("time-implausible", $"GPX: <time> {text.Trim().ToString()} is before 1980 (a device clock that was never set?) (line {reader.LineNumber}).");
            }

            if (_lastTime is { } last && time < last)
            {
                _warnings.Add("time-backwards", $"GPX: point times go backwards (first at line {reader.LineNumber}).");
            }

            _lastTime = time;
            return true;
        }

        /// <summary>The current element's text, when short (numbers, times); "too long" reads as empty-and-invalid.</summary>
        private ReadOnlySpan<char> Short()
        {
            int length = SafeXml.ReadShortText(reader, limits, _text);
            return length < 0 ? "(too long)" : _text.AsSpan(0, length);
        }

        private double? Coordinate(string? text, double bound, int line)
        {
            if (text is null)
            {
                _warnings.Add("position-missing", $"GPX: a point has no lat/lon attribute (first at line {line}).");
                return null;
            }

            double? value = SafeXml.ParseDouble(text);
            if (value is null || Math.Abs(value.Value) > bound)
            {
                _warnings.Add("position-invalid", $"GPX: coordinate '{Clip(text)}' is not valid; the point's position is treated as missing (line {line}).");
                return null;
            }

            return value;
        }

        private void SkipElement()
        {
            // Leaves the reader on this element's end tag; still enforces the depth limit inside skipped content.
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

        private ParsedActivity Build()
        {
            List<ActivitySample> samples = _track;
            List<int> segmentStarts = _segmentStarts;
            if (_track.Count == 0 && _route.Count > 0)
            {
                samples = _route;
                segmentStarts = [];
                _warnings.Add("route-only", "GPX: the file has no track points; its route points (rtept) were read instead.");
            }

            if (samples.Count > 0 && samples.TrueForAll(s => s.TimeMissing))
            {
                _warnings.Add("no-times", "GPX: no point has a time; durations, pace and moving time are unknown.");
            }

            return new ParsedActivity
            {
                Format = ActivityFormat.Gpx,
                Sport = _sport,
                Name = _name,
                StartUtc = FirstTime(samples, 0, samples.Count),
                UtcOffset = _offset,
                Device = _creator is null ? null : new DeviceInfo(null, _creator, null, null),
                Samples = samples,
                Sessions = _sessions,
                SegmentStartIndices = segmentStarts.Count > 1 ? segmentStarts : [],
                Warnings = _warnings.ToList(),
            };
        }

        private static DateTimeOffset? FirstTime(List<ActivitySample> samples, int first, int count)
        {
            for (int i = first; i < first + count; i++)
            {
                if (!samples[i].TimeMissing)
                {
                    return samples[i].Time;
                }
            }

            return null;
        }

        private static bool Is(ReadOnlySpan<char> local, string name) => local.Equals(name, StringComparison.OrdinalIgnoreCase);

        private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }
}
