using System.Xml;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Tcx;

/// <summary>
/// Reads Garmin Training Center XML (TCX v2): each Activity (also inside MultiSportSession) becomes a session,
/// each Lap an <see cref="ActivityLap"/> with its stated totals, each Trackpoint a sample (read by
/// <see cref="TcxTrackReader"/>). A Course is read as an untimed-sport route with a warning.
/// Tolerates a BOM and whitespace before the XML declaration.
/// </summary>
public static class TcxReader
{
    public static ParsedActivity Read(ReadOnlyMemory<byte> content, XmlLimits? limits = null) =>
        Read(XmlActivityReader.Open(content), limits);

    public static ParsedActivity Read(Stream stream, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // A Trackpoint takes 250–600 bytes; reserving for one per 250 (at most the sample limit) avoids regrowing a
        // list of large structs: a 42 MB file's list grew through 38 MB of arrays to hold 15 MB (docs/security.md).
        int capacity = stream.CanSeek ? (int)Math.Clamp(stream.Length / 250, 16, FitActivityBuilder.MaxSamples) : 16;
        XmlLimits bounds = limits ?? XmlLimits.Default;
        return XmlActivityReader.Read(stream, bounds, TcxTrackReader.FormatName, reader => new Parser(reader, bounds, capacity));
    }

    private sealed class Parser(XmlReader reader, XmlLimits limits, int capacity) : TcxTrackReader(reader, limits, capacity)
    {
        private readonly List<ActivitySession> _sessions = [];
        private readonly List<ActivityLap> _laps = [];
        private string? _name;
        private string? _creator;

        protected override ParsedActivity Run()
        {
            MoveToRoot("TrainingCenterDatabase", StringComparison.Ordinal);
            if (!Reader.IsEmptyElement)
            {
                int depth = Reader.Depth;
                while (NextElement(depth, out ReadOnlySpan<char> local))
                {
                    if (local.SequenceEqual("Activity"))
                    {
                        ReadActivity(course: false);
                    }
                    else if (local.SequenceEqual("Course"))
                    {
                        Warnings.Add("tcx-course", "TCX: the file holds a Course (a planned route), not a recorded activity.");
                        ReadActivity(course: true);
                    }
                    else if (local.SequenceEqual("Name") && Reader.Depth == depth + 2 && _creator is null)
                    {
                        _creator = SafeXml.ReadText(Reader, Limits).Trim(); // Author/Name
                    }

                    // Everything else (Activities, MultiSportSession, FirstSport, NextSport, Courses, Author…) is descended into.
                }
            }

            return new ParsedActivity
            {
                Format = ActivityFormat.Tcx,
                Sport = SessionSports.Combined(_sessions)
                    ?? _sessions.Select(s => s.Sport).FirstOrDefault(s => s is not (SportWords.Transition or null)),
                Name = _name,
                StartUtc = _sessions.Select(s => s.StartUtc).FirstOrDefault(s => s is not null)
                    ?? (Samples.Count > 0 ? Samples[0].Time : null),
                UtcOffset = UtcOffset,
                Device = _creator is null or "" ? null : new DeviceInfo(null, _creator, null, null),
                Samples = Samples,
                Sessions = [.. _sessions.Select(Thinning.Resolve)],
                Laps = _laps,
                SegmentStartIndices = SegmentStarts.Count > 1 ? Thinning.Indexes(SegmentStarts) : [],
                Warnings = Warnings.ToList(),
            };
        }

        private void ReadActivity(bool course)
        {
            string? sport = course ? null : GpxSport.FromType(Reader.GetAttribute("Sport"));
            if (Reader.IsEmptyElement)
            {
                return;
            }

            int depth = Reader.Depth;
            int first = Thinning.Offered;
            int firstLap = _laps.Count;
            DateTimeOffset? id = null;
            while (NextElement(depth, out ReadOnlySpan<char> local))
            {
                if (local.SequenceEqual("Lap"))
                {
                    ReadLap();
                }
                else if (local.SequenceEqual("Track"))
                {
                    SegmentStarts.Add(Thinning.Offered);
                    ReadTrack();
                }
                else if ((local.SequenceEqual("Id") || local.SequenceEqual("Name")) && Reader.Depth == depth + 1)
                {
                    string text = SafeXml.ReadText(Reader, Limits).Trim();
                    _name ??= text.Length > 0 ? text : null;
                    if (IsoTime.TryParse(text, out DateTimeOffset t, out _, out _))
                    {
                        id = t;
                    }
                }
                else if (local.SequenceEqual("Creator") && !Reader.IsEmptyElement)
                {
                    _creator = ReadChildText("Name") ?? _creator;
                }
                else if (!Reader.IsEmptyElement && !local.SequenceEqual("Extensions"))
                {
                    Skip();
                }
            }

            _sessions.Add(Session(sport, first, Thinning.Offered - first, _laps.GetRange(firstLap, _laps.Count - firstLap), id));
        }

        /// <summary>An Activity as a session: its totals are its laps' (TCX states no activity totals).</summary>
        private ActivitySession Session(string? sport, int first, int count, List<ActivityLap> laps, DateTimeOffset? id)
        {
            int from = Thinning.IndexOf(first); // first and count are ordinals (SampleThinning)
            int kept = Samples.Count - from;
            DateTimeOffset? start = id ?? laps.Select(l => l.StartUtc).FirstOrDefault(s => s is not null) ?? (kept > 0 ? Samples[from].Time : null);
            DateTimeOffset? end = kept > 0 ? Samples[^1].Time : null; // the session's last point is the last read so far
            foreach (ActivityLap lap in laps)
            {
                if (lap.StartUtc is { } ls && lap.TimerTime is { } lt && (end is null || ls + lt > end))
                {
                    end = ls + lt;
                }
            }

            double lapSeconds = laps.Sum(l => l.TimerTime?.TotalSeconds ?? 0);
            return new ActivitySession
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
            };
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
            string? startText = Reader.GetAttribute("StartTime");
            if (startText is not null && IsoTime.TryParse(startText, out DateTimeOffset parsed, out TimeSpan? offset, out _))
            {
                start = parsed;
                UtcOffset ??= offset;
            }

            double? seconds = null;
            double? distance = null;
            int? avgHr = null;
            int? maxHr = null;
            bool trackInLap = false;
            if (!Reader.IsEmptyElement)
            {
                int depth = Reader.Depth;
                while (NextElement(depth, out ReadOnlySpan<char> local))
                {
                    if (local.SequenceEqual("Track"))
                    {
                        // A second Track inside one lap follows a timer stop: a new segment. A lap's first Track
                        // continues the previous lap's path.
                        if (trackInLap || Thinning.Offered == 0)
                        {
                            SegmentStarts.Add(Thinning.Offered);
                        }

                        trackInLap = true;
                        ReadTrack();
                    }
                    else if (Reader.Depth != depth + 1)
                    {
                        if (!Reader.IsEmptyElement)
                        {
                            Skip();
                        }
                    }
                    else if (local.SequenceEqual("TotalTimeSeconds"))
                    {
                        seconds = SafeXml.ParseDouble(SafeXml.ReadText(Reader, Limits));
                    }
                    else if (local.SequenceEqual("DistanceMeters"))
                    {
                        distance = SafeXml.ParseDouble(SafeXml.ReadText(Reader, Limits));
                    }
                    else if (local.SequenceEqual("AverageHeartRateBpm"))
                    {
                        avgHr = HeartRate(ReadChildText("Value"));
                    }
                    else if (local.SequenceEqual("MaximumHeartRateBpm"))
                    {
                        maxHr = HeartRate(ReadChildText("Value"));
                    }
                    else if (!Reader.IsEmptyElement)
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
    }
}
