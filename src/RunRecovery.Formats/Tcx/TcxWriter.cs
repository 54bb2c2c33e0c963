using System.Globalization;
using System.Xml;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Tcx;

/// <summary>
/// Writes a <see cref="ParsedActivity"/> as Garmin Training Center XML v2: one Activity per session (one for the
/// whole file when it states none), one Lap per stated lap inside the session (else one lap), every timed sample
/// a Trackpoint with Speed, RunCadence and Watts in the ActivityExtension v2. Elements follow the schema's order.
/// What it writes reads back through <see cref="TcxReader"/> with the same times (1 ms), positions (1e-9°),
/// altitude and distance (1 mm), heart rate, speed (1 mm/s) and cadence rounded to whole numbers (the schema's
/// unsignedByte). Samples without a time are left out: a Trackpoint must have one.
/// The activity's name goes into Activity/Notes (the schema has no name element; Id is the start time).
/// </summary>
public static class TcxWriter
{
    private const string Ns = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";
    private const string Ax = "http://www.garmin.com/xmlschemas/ActivityExtension/v2";

    public static void Write(Stream stream, ParsedActivity activity, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(activity);
        var settings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true, IndentChars = " " };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("TrainingCenterDatabase", Ns);
        xml.WriteAttributeString("xmlns", "ns3", null, Ax);
        xml.WriteStartElement("Activities", Ns);
        foreach (ActivitySession session in SessionsOf(activity))
        {
            WriteActivity(xml, activity, session, name);
        }

        xml.WriteEndElement();
        xml.WriteStartElement("Author", Ns);
        xml.WriteAttributeString("xsi", "type", "http://www.w3.org/2001/XMLSchema-instance", "Application_t");
        xml.WriteElementString("Name", Ns, "RunRecovery");
        xml.WriteStartElement("Build", Ns);
        xml.WriteStartElement("Version", Ns);
        xml.WriteElementString("VersionMajor", Ns, "1");
        xml.WriteElementString("VersionMinor", Ns, "0");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteElementString("LangID", Ns, "en");
        xml.WriteElementString("PartNumber", Ns, "000-00000-00");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    public static byte[] ToBytes(ParsedActivity activity, string? name = null)
    {
        using var memory = new MemoryStream();
        Write(memory, activity, name);
        return memory.ToArray();
    }

    /// <summary>The TCX Sport attribute of a sport word: the schema knows Running, Biking and Other only.</summary>
    public static string SportAttribute(string? sport) => sport switch
    {
        SportWords.Running => "Running",
        SportWords.Cycling => "Biking",
        _ => "Other",
    };

    private static List<ActivitySession> SessionsOf(ParsedActivity activity)
    {
        int count = activity.Samples.Count;
        var sessions = activity.Sessions
            .Where(s => s.FirstSampleIndex >= 0 && s.SampleCount > 0 && s.FirstSampleIndex + s.SampleCount <= count)
            .ToList();
        return sessions.Count > 0 && sessions.Sum(s => s.SampleCount) == count
            ? sessions
            : [new ActivitySession { Sport = activity.Sport, StartUtc = activity.StartUtc, FirstSampleIndex = 0, SampleCount = count }];
    }

    private static void WriteActivity(XmlWriter xml, ParsedActivity activity, ActivitySession session, string? name)
    {
        var samples = Enumerable.Range(session.FirstSampleIndex, session.SampleCount)
            .Select(i => activity.Samples[i])
            .Where(s => !s.TimeMissing)
            .ToList();
        DateTimeOffset start = session.StartUtc ?? (samples.Count > 0 ? samples[0].Time : activity.StartUtc ?? DateTimeOffset.UnixEpoch);
        xml.WriteStartElement("Activity", Ns);
        xml.WriteAttributeString("Sport", SportAttribute(session.Sport));
        xml.WriteElementString("Id", Ns, Time(start));
        List<(DateTimeOffset Start, StatedTotals? Stated, List<ActivitySample> Points)> laps = LapsOf(activity, session, samples, start);
        foreach ((DateTimeOffset lapStart, StatedTotals? stated, List<ActivitySample> points) in laps)
        {
            WriteLap(xml, lapStart, stated, points, session.Sport == SportWords.Running);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            xml.WriteElementString("Notes", Ns, XmlChars.Keep(name));
        }

        xml.WriteEndElement();
    }

    /// <summary>The session's stated laps (by start time) with the samples from each start to the next; one lap when it states none.</summary>
    private static List<(DateTimeOffset, StatedTotals?, List<ActivitySample>)> LapsOf(
        ParsedActivity activity, ActivitySession session, List<ActivitySample> samples, DateTimeOffset start)
    {
        DateTimeOffset end = samples.Count > 0 ? samples[^1].Time : start;
        var stated = activity.Laps
            .Where(l => l.StartUtc is { } ls && ls >= start && ls <= end)
            .OrderBy(l => l.StartUtc)
            .ToList();
        if (stated.Count == 0)
        {
            return [(start, activity.Sessions.Contains(session) ? session : null, samples)];
        }

        var laps = new List<(DateTimeOffset, StatedTotals?, List<ActivitySample>)>(stated.Count);
        int next = 0;
        for (int i = 0; i < stated.Count; i++)
        {
            DateTimeOffset? until = i + 1 < stated.Count ? stated[i + 1].StartUtc : null;
            var points = new List<ActivitySample>();
            while (next < samples.Count && (until is null || samples[next].Time < until))
            {
                points.Add(samples[next++]);
            }

            laps.Add((i == 0 ? start : stated[i].StartUtc!.Value, stated[i], points));
        }

        return laps;
    }

    private static void WriteLap(XmlWriter xml, DateTimeOffset start, StatedTotals? stated, List<ActivitySample> points, bool running)
    {
        xml.WriteStartElement("Lap", Ns);
        xml.WriteAttributeString("StartTime", Time(stated?.StartUtc ?? start));
        double seconds = stated?.TimerTime?.TotalSeconds ?? stated?.ElapsedTime?.TotalSeconds
            ?? (points.Count > 1 ? (points[^1].Time - points[0].Time).TotalSeconds : 0);
        double? first = points.FirstOrDefault(p => p.DistanceMeters is not null).DistanceMeters;
        double? last = points.LastOrDefault(p => p.DistanceMeters is not null).DistanceMeters;
        double distance = stated?.DistanceMeters ?? (first is { } a && last is { } b ? Math.Max(b - a, 0) : 0);
        xml.WriteElementString("TotalTimeSeconds", Ns, Number(seconds, "0.###"));
        xml.WriteElementString("DistanceMeters", Ns, Number(distance, "0.###"));
        xml.WriteElementString("Calories", Ns, "0");
        WriteHeartRate(xml, "AverageHeartRateBpm", stated?.AvgHeartRateBpm);
        WriteHeartRate(xml, "MaximumHeartRateBpm", stated?.MaxHeartRateBpm);
        xml.WriteElementString("Intensity", Ns, "Active");
        xml.WriteElementString("TriggerMethod", Ns, "Manual");
        if (points.Count > 0)
        {
            xml.WriteStartElement("Track", Ns);
            foreach (ActivitySample point in points)
            {
                WriteTrackpoint(xml, point, running);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteTrackpoint(XmlWriter xml, ActivitySample s, bool running)
    {
        xml.WriteStartElement("Trackpoint", Ns);
        xml.WriteElementString("Time", Ns, Time(s.Time));
        if (s.HasPosition)
        {
            xml.WriteStartElement("Position", Ns);
            xml.WriteElementString("LatitudeDegrees", Ns, Number(s.LatitudeDegrees!.Value, "0.#########"));
            xml.WriteElementString("LongitudeDegrees", Ns, Number(s.LongitudeDegrees!.Value, "0.#########"));
            xml.WriteEndElement();
        }

        if (s.AltitudeMeters is { } altitude)
        {
            xml.WriteElementString("AltitudeMeters", Ns, Number(altitude, "0.###"));
        }

        if (s.DistanceMeters is { } distance)
        {
            xml.WriteElementString("DistanceMeters", Ns, Number(distance, "0.###"));
        }

        WriteHeartRate(xml, "HeartRateBpm", s.HeartRateBpm);
        byte? cadence = s.CadenceRpm is { } c ? (byte)Math.Clamp(Math.Round(c), 0, 254) : null;
        if (cadence is { } bike && !running)
        {
            xml.WriteElementString("Cadence", Ns, bike.ToString(CultureInfo.InvariantCulture));
        }

        bool runCadence = running && cadence is not null;
        if (s.SpeedMetersPerSecond is not null || runCadence || s.PowerWatts is not null)
        {
            xml.WriteStartElement("Extensions", Ns);
            xml.WriteStartElement("TPX", Ax);
            if (s.SpeedMetersPerSecond is { } speed)
            {
                xml.WriteElementString("Speed", Ax, Number(speed, "0.###"));
            }

            if (runCadence)
            {
                xml.WriteElementString("RunCadence", Ax, cadence!.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (s.PowerWatts is { } watts)
            {
                xml.WriteElementString("Watts", Ax, watts.ToString(CultureInfo.InvariantCulture));
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteHeartRate(XmlWriter xml, string element, int? bpm)
    {
        if (bpm is { } value and >= 1 and <= 254)
        {
            xml.WriteStartElement(element, Ns);
            xml.WriteElementString("Value", Ns, value.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcTicks % TimeSpan.TicksPerSecond == 0
        ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
