using System.Text;
using System.Text.Json;
using RunRecovery.Analysis;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Cli.Inspect;

/// <summary>
/// One JSON object per line. The field names are a public contract (issue 4): file, format, sport, startUtc,
/// elapsedSeconds, timerSeconds, distanceMeters, ascentMeters, descentMeters, avgHeartRate, maxHeartRate, samples,
/// sessions, warnings, error. Fields after those are additions and may grow.
/// </summary>
public static class InspectJson
{
    public static string Line(InspectResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file", result.File);
            WriteNullable(json, "format", result.Format);
            WriteFigures(json, result.Figures);
            json.WriteStartArray("sessions");
            foreach (InspectFigures session in result.Sessions)
            {
                json.WriteStartObject();
                WriteFigures(json, session);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (FormatWarning warning in result.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteString("message", warning.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Error is { } error)
            {
                json.WriteStartObject("error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                if (error.Offset is { } offset)
                {
                    json.WriteNumber("offset", offset);
                }
                else
                {
                    json.WriteNull("offset");
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("error");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteFigures(Utf8JsonWriter json, InspectFigures? figures)
    {
        ActivityMetrics? m = figures?.Metrics;
        WriteNullable(json, "sport", figures is null ? null : RecordingMapper.Name(figures.Sport));
        WriteNullable(json, "startUtc", m?.StartUtc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", System.Globalization.CultureInfo.InvariantCulture));
        WriteNumber(json, "elapsedSeconds", m?.ElapsedTime?.TotalSeconds, 3);
        WriteNumber(json, "timerSeconds", m?.MovingTime?.TotalSeconds, 3);
        WriteNumber(json, "distanceMeters", m?.DistanceMeters, 1);
        WriteNumber(json, "ascentMeters", m?.AscentMeters, 1);
        WriteNumber(json, "descentMeters", m?.DescentMeters, 1);
        WriteNumber(json, "avgHeartRate", m?.HeartRate?.AverageBpm, 0);
        WriteNumber(json, "maxHeartRate", m?.HeartRate?.MaxBpm, 0);
        WriteNumber(json, "samples", m?.SampleCount, 0);

        // Additions beyond the contract.
        WriteNullable(json, "timerSource", m?.MovingTimeSource);
        WriteNumber(json, "detectedMovingSeconds", m?.DetectedMovingTime?.TotalSeconds, 3);
        WriteNullable(json, "distanceSource", m?.DistanceSource);
        WriteNumber(json, "geodesicDistanceMeters", m?.GeodesicDistanceMeters, 1);
        WriteNumber(json, "recordDistanceMeters", m?.RecordDistanceMeters, 1);
        WriteNullable(json, "elevationSource", m?.ElevationSource);
        WriteNumber(json, "rawAscentMeters", m?.RawAscentMeters, 1);
        WriteNumber(json, "rawDescentMeters", m?.RawDescentMeters, 1);
        WriteNumber(json, "utcOffsetMinutes", m?.UtcOffset?.TotalMinutes, 0);
        WriteNumber(json, "paceSecondsPerKm", m?.PaceSecondsPerKm, 1);
        WriteNumber(json, "gradeAdjustedPaceSecondsPerKm", m?.GradeAdjustedPaceSecondsPerKm, 1);
        WriteNumber(json, "cadence", m?.AverageCadence, 1);
        WriteNullable(json, "cadenceUnit", m?.CadenceUnit);
        json.WriteStartArray("heartRateFlags");
        foreach (string flag in m?.HeartRate?.Flags ?? [])
        {
            json.WriteStringValue(flag);
        }

        json.WriteEndArray();
        json.WriteStartArray("missing");
        foreach (string item in m?.Missing ?? [])
        {
            json.WriteStringValue(item);
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value, int decimals)
    {
        if (value is { } v && double.IsFinite(v))
        {
            if (decimals == 0)
            {
                json.WriteNumber(name, (long)Math.Round(v));
            }
            else
            {
                json.WriteNumber(name, Math.Round(v, decimals));
            }
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
