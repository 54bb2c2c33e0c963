using System.Globalization;
using System.Security;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats.Gpx;

/// <summary>
/// Writes samples as GPX 1.1 with Garmin TrackPointExtension v1 (hr, cad, atemp): one trk, one trkseg per
/// segment. Used for exports, test files of known geometry and the benchmark file; what it writes reads back
/// through <see cref="GpxReader"/> unchanged (coordinates to 1e-9°, elevation to 1 mm, time to 1 ms).
/// </summary>
public static class GpxWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<ActivitySample> samples, IReadOnlyList<int>? segmentStarts = null, string? type = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(samples);
        CultureInfo c = CultureInfo.InvariantCulture;
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writer.Write("<gpx version=\"1.1\" creator=\"RunRecovery GpxWriter\" xmlns=\"http://www.topografix.com/GPX/1/1\" ");
        writer.Write("xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n <trk>\n");
        if (name is not null)
        {
            writer.Write($"  <name>{SecurityElement.Escape(XmlChars.Keep(name))}</name>\n");
        }

        if (type is not null)
        {
            writer.Write($"  <type>{SecurityElement.Escape(XmlChars.Keep(type))}</type>\n");
        }

        var starts = new HashSet<int>(segmentStarts ?? []);
        writer.Write("  <trkseg>\n");
        for (int i = 0; i < samples.Count; i++)
        {
            if (i > 0 && starts.Contains(i))
            {
                writer.Write("  </trkseg>\n  <trkseg>\n");
            }

            ActivitySample s = samples[i];
            writer.Write("   <trkpt");
            if (s.HasPosition)
            {
                writer.Write(string.Create(c, $" lat=\"{s.LatitudeDegrees!.Value:0.#########}\" lon=\"{s.LongitudeDegrees!.Value:0.#########}\""));
            }

            writer.Write('>');
            if (s.AltitudeMeters is { } ele)
            {
                writer.Write(string.Create(c, $"<ele>{ele:0.###}</ele>"));
            }

            if (!s.TimeMissing)
            {
                writer.Write(s.Time.UtcTicks % TimeSpan.TicksPerSecond == 0
                    ? string.Create(c, $"<time>{s.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z</time>")
                    : string.Create(c, $"<time>{s.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z</time>"));
            }

            if (s.HeartRateBpm is not null || s.CadenceRpm is not null || s.TemperatureCelsius is not null)
            {
                writer.Write("<extensions><gpxtpx:TrackPointExtension>");
                if (s.TemperatureCelsius is { } t)
                {
                    writer.Write(string.Create(c, $"<gpxtpx:atemp>{t:0.#}</gpxtpx:atemp>"));
                }

                if (s.HeartRateBpm is { } hr)
                {
                    writer.Write(string.Create(c, $"<gpxtpx:hr>{hr}</gpxtpx:hr>"));
                }

                if (s.CadenceRpm is { } cad)
                {
                    writer.Write(string.Create(c, $"<gpxtpx:cad>{cad:0.#}</gpxtpx:cad>"));
                }

                writer.Write("</gpxtpx:TrackPointExtension></extensions>");
            }

            writer.Write("</trkpt>\n");
        }

        writer.Write("  </trkseg>\n </trk>\n</gpx>\n");
    }

    public static byte[] ToBytes(IReadOnlyList<ActivitySample> samples, IReadOnlyList<int>? segmentStarts = null, string? type = null, string? name = null)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            Write(writer, samples, segmentStarts, type, name);
        }

        return memory.ToArray();
    }
}
