using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Small activities with known truth, built with our own encoder.</summary>
internal static class FitTestFiles
{
    public static readonly DateTimeOffset Start = new(2024, 5, 4, 6, 30, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int seconds) => Start.AddSeconds(seconds);

    /// <summary>A 1 Hz run of <paramref name="seconds"/> samples with position, altitude, HR, cadence, one lap and one session.</summary>
    public static ParsedActivity Run(int seconds, IReadOnlyList<TimerPause>? pauses = null, double descentPerSecond = 0)
    {
        var samples = new List<ActivitySample>(seconds);
        double distance = 0;
        for (int i = 0; i < seconds; i++)
        {
            distance += 3.2;
            samples.Add(new ActivitySample(
                At(i),
                LatitudeDegrees: 46.05 + (i * 0.00002),
                LongitudeDegrees: 14.5 + (i * 0.00001),
                AltitudeMeters: Math.Round(300 + ((seconds - i) * descentPerSecond), 1),
                DistanceMeters: Math.Round(distance, 2),
                SpeedMetersPerSecond: 3.2,
                HeartRateBpm: 120 + (i % 40),
                CadenceRpm: 85 + ((i % 4) * 0.5),
                PowerWatts: 250 + (i % 20),
                TemperatureCelsius: 18));
        }

        var session = new ActivitySession
        {
            Sport = SportWords.Running,
            SubSport = "street",
            StartUtc = Start,
            ElapsedTime = TimeSpan.FromSeconds(seconds - 1),
            TimerTime = TimeSpan.FromSeconds(seconds - 1),
            DistanceMeters = Math.Round(distance, 2),
            AscentMeters = 0,
            DescentMeters = Math.Round(seconds * descentPerSecond),
            AvgHeartRateBpm = 140,
            MaxHeartRateBpm = 159,
            AvgCadenceRpm = 85.5,
            Calories = 500,
        };
        var lap = new ActivityLap
        {
            StartUtc = Start,
            ElapsedTime = session.ElapsedTime,
            TimerTime = session.TimerTime,
            DistanceMeters = session.DistanceMeters,
            AscentMeters = 0,
            DescentMeters = session.DescentMeters,
            AvgHeartRateBpm = 140,
            MaxHeartRateBpm = 159,
        };
        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            StartUtc = Start,
            UtcOffset = TimeSpan.FromHours(2),
            Samples = samples,
            Sessions = [session],
            Laps = [lap],
            Pauses = pauses ?? [],
        };
    }

    public static byte[] RunFile(int seconds, FitActivityWriteOptions? options = null) => FitActivityWriter.Write(Run(seconds), options);

    /// <summary>A file_id and N records (timestamp + heart rate) written with the low-level writer.</summary>
    public static byte[] HeartRateRecords(int count, int headerSize = 14, bool bigEndian = false)
    {
        var writer = new FitWriter(new FitWriterOptions { HeaderSize = headerSize });
        writer.Define(0, FitProfile.FileId, [FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.UInt16)], bigEndian: bigEndian)
            .Write(0, 4L, 255L)
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)], bigEndian: bigEndian);
        for (int i = 0; i < count; i++)
        {
            writer.Write(1, (long)FitProfile.ToFitSeconds(At(i)), 100L + i);
        }

        return writer.ToArray();
    }
}

/// <summary>Records every callback of the wire layer, for layer tests.</summary>
internal sealed class RecordingSink : IFitMessageSink
{
    public List<FitFileHeader> Headers { get; } = [];

    public List<(ushort Global, uint? Timestamp, long Offset, byte[] Payload, FitMessageDefinition Definition)> Messages { get; } = [];

    public List<FitDeveloperFieldDescription> Descriptions { get; } = [];

    public List<FormatWarning> Warnings { get; } = [];

    public int Definitions { get; private set; }

    public void OnFileHeader(in FitFileHeader header) => Headers.Add(header);

    public void OnDefinition(FitMessageDefinition definition) => Definitions++;

    public void OnMessage(in FitMessage message) =>
        Messages.Add((message.GlobalMessageNumber, message.Timestamp, message.Offset, message.Payload.ToArray(), message.Definition));

    public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description) => Descriptions.Add(description);

    public void OnWarning(FormatWarning warning) => Warnings.Add(warning);
}
