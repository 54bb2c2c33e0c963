using BenchmarkDotNet.Attributes;
using RunRecovery.Analysis;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Benchmarks.Gpx;

/// <summary>GPX parse + full metrics (mapping to Scoring's input included) of the 10-hour 1 Hz file (docs/benchmarks.md, "GPX/TCX and metrics").</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GpxParseAndMetricsBenchmark
{
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = LongRunFile.Create();

    [Benchmark]
    public ParsedActivity Parse() => GpxReader.Read(_file);

    [Benchmark]
    public ActivityMetrics ParseAndMetrics() => ActivityMetrics.From(RecordingMapper.From(GpxReader.Read(_file)));
}
