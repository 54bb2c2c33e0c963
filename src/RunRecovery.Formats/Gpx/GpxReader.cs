using System.Runtime.CompilerServices;
using System.Xml;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Gpx;

/// <summary>
/// Reads GPX 1.0 and 1.1 into <see cref="ParsedActivity"/>: every trk/trkseg/trkpt in document order (one
/// session per track that has points, one segment per non-empty trkseg), or the rte/rtept points when the file
/// has no track point at all. What a point holds is read by <see cref="GpxPointReader"/>.
/// </summary>
public static class GpxReader
{
    public static ParsedActivity Read(Stream stream, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // A track point takes 60–400 bytes; reserving for ~200 avoids regrowing a list of large structs.
        int capacity = stream.CanSeek ? (int)Math.Clamp(stream.Length / 200, 16, FitActivityBuilder.MaxSamples) : 16;
        XmlLimits bounds = limits ?? XmlLimits.Default;
        return XmlActivityReader.Read(stream, bounds, GpxPointReader.FormatName, reader => new Parser(reader, bounds, capacity));
    }

    /// <summary>
    /// Reads a file in memory with <see cref="Utf8XmlReader"/>, the UTF-8 subset reader, and hands it whole to the
    /// reference <see cref="XmlTextReader"/> (<see cref="Read(Stream, XmlLimits?)"/>) on anything outside that subset,
    /// so results, warnings and every error are the reference's (docs/benchmarks.md, "GPX subset reader"). Streams
    /// (spooled uploads) keep the reference reader and its bounded memory.
    /// </summary>
    public static ParsedActivity Read(ReadOnlyMemory<byte> content, XmlLimits? limits = null)
    {
        ParsedActivity? fast = ReadFast(content, limits);
        FastPathObserver?.Invoke(content, limits, fast);
        return fast ?? ReadReference(content, limits);
    }

    /// <summary>
    /// Tests only: sees each in-memory read's fast-path result (null: handed over), so that every GPX a test reads is
    /// also compared with the reference reader (tests/RunRecovery.Formats.Tests/Xml/Utf8XmlReaderDifferentialTests.cs).
    /// </summary>
    internal static Action<ReadOnlyMemory<byte>, XmlLimits?, ParsedActivity?>? FastPathObserver { get; set; }

    /// <summary>The fast path alone: null when the file was handed over (what the differential tests compare).</summary>
    internal static ParsedActivity? ReadFast(ReadOnlyMemory<byte> content, XmlLimits? limits = null)
    {
        ReadOnlyMemory<byte> body = SafeXml.SkipLeadingWhitespace(content);
        int capacity = (int)Math.Clamp(body.Length / 200, 16, FitActivityBuilder.MaxSamples);
        XmlLimits bounds = limits ?? XmlLimits.Default;
        return XmlActivityReader.ReadFast(body, bounds, reader => new Parser(reader, bounds, capacity));
    }

    /// <summary>The reference path alone, as a stream reads (what the differential tests compare against).</summary>
    internal static ParsedActivity ReadReference(ReadOnlyMemory<byte> content, XmlLimits? limits = null) =>
        Read(XmlActivityReader.Open(content), limits);

    private sealed class Parser(XmlReader reader, XmlLimits limits, int capacity) : GpxPointReader(reader, limits)
    {
        private readonly List<ActivitySample> _track = new(capacity);
        private readonly List<ActivitySample> _route = [];
        private readonly SampleThinning _trackThinning = new();
        private readonly SampleThinning _routeThinning = new();
        private readonly List<int> _segmentStarts = []; // ordinals (SampleThinning)
        private readonly List<ActivitySession> _sessions = [];
        private string? _name;
        private string? _sport;
        private string? _creator;

        protected override ParsedActivity Run()
        {
            MoveToRoot("gpx", StringComparison.OrdinalIgnoreCase);
            _creator = Reader.GetAttribute("creator");
            if (Reader.IsEmptyElement)
            {
                return Build();
            }

            int rootDepth = Reader.Depth;
            while (NextElement(rootDepth, out ReadOnlySpan<char> local))
            {
                if (local.SequenceEqual("trk"))
                {
                    ReadTrack();
                }
                else if (local.SequenceEqual("rte"))
                {
                    ReadRoute();
                }
                else if (!Reader.IsEmptyElement)
                {
                    Skip(); // wpt, metadata, extensions: nothing a run needs
                }
            }

            return Build();
        }

        private void ReadTrack()
        {
            if (Reader.IsEmptyElement)
            {
                return;
            }

            int depth = Reader.Depth;
            int first = _trackThinning.Offered;
            string? type = null;
            string? name = null;
            while (NextElement(depth, out ReadOnlySpan<char> local))
            {
                if (local.SequenceEqual("trkseg"))
                {
                    ReadSegment(_track, "trkpt");
                }
                else if (local.SequenceEqual("type") && Reader.Depth == depth + 1)
                {
                    type = SafeXml.ReadText(Reader, Limits);
                }
                else if (local.SequenceEqual("name") && Reader.Depth == depth + 1)
                {
                    name = SafeXml.ReadText(Reader, Limits);
                }
                else if (!Reader.IsEmptyElement)
                {
                    Skip();
                }
            }

            int count = _trackThinning.Offered - first;
            if (count == 0)
            {
                return;
            }

            string? sport = GpxSport.FromType(type);
            if (_sessions.Count == 0)
            {
                _sport = sport;
                _name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
            }

            _sessions.Add(new ActivitySession
            {
                Sport = sport,
                StartUtc = FirstTime(_track, _trackThinning.IndexOf(first), _track.Count - _trackThinning.IndexOf(first)),
                FirstSampleIndex = first, // an ordinal until Build
                SampleCount = count,
            });
        }

        private void ReadRoute()
        {
            if (Reader.IsEmptyElement)
            {
                return;
            }

            ReadSegment(_route, "rtept", routeDepth: Reader.Depth);
        }

        /// <summary>Reads the points of a trkseg (or a rte when <paramref name="routeDepth"/> is set).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
        private void ReadSegment(List<ActivitySample> into, string pointName, int? routeDepth = null)
        {
            if (Reader.IsEmptyElement)
            {
                return;
            }

            int depth = routeDepth ?? Reader.Depth;
            bool started = false;
            while (NextElement(depth, out ReadOnlySpan<char> local))
            {
                if (local.SequenceEqual(pointName))
                {
                    SampleThinning thinning = ReferenceEquals(into, _track) ? _trackThinning : _routeThinning;
                    if (!started && ReferenceEquals(into, _track))
                    {
                        _segmentStarts.Add(thinning.Offered);
                    }

                    started = true;
                    CheckPointLimit(_trackThinning.Offered + _routeThinning.Offered, "points");
                    ActivitySample point = ReadPoint();
                    if (thinning.Admit(into, Warnings, FormatName))
                    {
                        into.Add(point);
                    }
                }
                else if (!Reader.IsEmptyElement)
                {
                    Skip();
                }
            }
        }

        private ParsedActivity Build()
        {
            List<ActivitySample> samples = _track;
            List<int> segmentStarts = _trackThinning.Indexes(_segmentStarts);
            if (_track.Count == 0 && _route.Count > 0)
            {
                samples = _route;
                segmentStarts = [];
                Warnings.Add("route-only", "GPX: the file has no track points; its route points (rtept) were read instead.");
            }

            if (samples.Count > 0 && samples.TrueForAll(s => s.TimeMissing))
            {
                Warnings.Add("no-times", "GPX: no point has a time; durations, pace and moving time are unknown.");
            }

            return new ParsedActivity
            {
                Format = ActivityFormat.Gpx,
                Sport = _sport,
                Name = _name,
                StartUtc = FirstTime(samples, 0, samples.Count),
                UtcOffset = UtcOffset,
                Device = _creator is null ? null : new DeviceInfo(null, _creator, null, null),
                Samples = samples,
                Sessions = [.. _sessions.Select(_trackThinning.Resolve)],
                SegmentStartIndices = segmentStarts.Count > 1 ? segmentStarts : [],
                Warnings = Warnings.ToList(),
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
    }
}
