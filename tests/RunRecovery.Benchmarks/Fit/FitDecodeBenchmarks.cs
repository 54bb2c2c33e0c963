using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Benchmarks.Fit;

/// <summary>
/// Decoding a 10-hour 1 Hz running FIT file (36,000 records, written by our encoder) into the activity model.
/// Throughput = file bytes / mean time. A short job: 2 cores are shared.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class FitDecodeBenchmarks
{
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = FitBenchmarkFiles.TenHourRun();

    [Benchmark(Baseline = true, Description = "FIT span → ParsedActivity")]
    public ParsedActivity DecodeSpan() => FitActivityReader.Read(_file);

    [Benchmark(Description = "FIT stream → ParsedActivity")]
    public ParsedActivity DecodeStream() => FitActivityReader.Read(new MemoryStream(_file, writable: false));

    [Benchmark(Description = "FIT stream → wire messages only")]
    public int DecodeStreamWireOnly()
    {
        var sink = new CountingSink();
        FitDecoder.Decode(new MemoryStream(_file, writable: false), sink);
        return sink.Messages;
    }

    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() =>
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("short"));
    }

    /// <summary>Counts messages: the streaming decoder alone, whose memory does not depend on the file size.</summary>
    private sealed class CountingSink : IFitMessageSink
    {
        public int Messages { get; private set; }

        public void OnFileHeader(in FitFileHeader header)
        {
        }

        public void OnDefinition(FitMessageDefinition definition)
        {
        }

        public void OnMessage(in FitMessage message) => Messages++;

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(FormatWarning warning)
        {
        }
    }
}
