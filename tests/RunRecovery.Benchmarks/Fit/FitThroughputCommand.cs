using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using RunRecovery.Analysis;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Benchmarks.Fit;

/// <summary>
/// Plain commands for bench/garmin-fitsdk/run.sh: "fit-write PATH" writes the benchmark file; "fit-throughput PATH"
/// decodes it repeatedly (after a warm-up) and prints MB/s, so both decoders are timed in the same run;
/// "fit-mapping PATH" times the wire loop and the decode into ParsedActivity interleaved;
/// "fit-metrics PATH" times parse alone and parse + mapping to Scoring's input + metrics.
/// </summary>
public static class FitThroughputCommand
{
    public static bool TryRun(string[] args)
    {
        if (args.Length == 2 && args[0] == "fit-write")
        {
            File.WriteAllBytes(args[1], FitBenchmarkFiles.TenHourRun());
            Console.WriteLine($"wrote {new FileInfo(args[1]).Length} bytes to {args[1]}");
            return true;
        }

        if (args.Length == 2 && args[0] == "fit-throughput")
        {
            byte[] file = File.ReadAllBytes(args[1]);
            int records = 0;
            for (int i = 0; i < 20; i++)
            {
                records = FitActivityReader.Read(file).Samples.Count;
            }

            const int Iterations = 100;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Iterations; i++)
            {
                records = FitActivityReader.Read(file).Samples.Count;
            }

            double seconds = clock.Elapsed.TotalSeconds / Iterations;
            double mbPerSecond = file.Length / seconds / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runrecovery {records} records {file.Length} bytes {seconds * 1000:F3} ms {mbPerSecond:F1} MB/s"));
            return true;
        }

        if (args.Length == 2 && args[0] == "fit-mapping")
        {
            // Mapping against the wire loop, interleaved so both see the same machine load: best and median of 60.
            byte[] file = File.ReadAllBytes(args[1]);
            var wire = new List<double>();
            var mapped = new List<double>();
            for (int i = 0; i < 80; i++)
            {
                var clock = Stopwatch.StartNew();
                var sink = new CountingSink();
                FitDecoder.Decode(file, sink);
                double w = clock.Elapsed.TotalSeconds;
                clock.Restart();
                GC.KeepAlive(FitActivityReader.Read(file));
                double m = clock.Elapsed.TotalSeconds;
                if (i >= 20)
                {
                    wire.Add(w);
                    mapped.Add(m);
                }
            }

            wire.Sort();
            mapped.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runrecovery wire only: best {wire[0] * 1000:F3} ms = {file.Length / wire[0] / 1e6:F0} MB/s, median {wire[30] * 1000:F3} ms = {file.Length / wire[30] / 1e6:F0} MB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runrecovery into ParsedActivity: best {mapped[0] * 1000:F3} ms = {file.Length / mapped[0] / 1e6:F0} MB/s, median {mapped[30] * 1000:F3} ms = {file.Length / mapped[30] / 1e6:F0} MB/s"));
            return true;
        }

        if (args.Length == 3 && args[0] == "fit-loop")
        {
            // For a profiler (dotnet-trace): decodes into ParsedActivity again and again for the given seconds.
            byte[] file = File.ReadAllBytes(args[1]);
            var clock = Stopwatch.StartNew();
            int decodes = 0;
            while (clock.Elapsed.TotalSeconds < double.Parse(args[2], CultureInfo.InvariantCulture))
            {
                GC.KeepAlive(FitActivityReader.Read(file));
                decodes++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{decodes} decodes, {clock.Elapsed.TotalMilliseconds / decodes:F3} ms each"));
            return true;
        }

        if (args.Length == 2 && args[0] == "fit-metrics")
        {
            byte[] file = File.ReadAllBytes(args[1]);
            double parse = MeanSeconds(() => FitActivityReader.Read(file));
            double whole = MeanSeconds(() => ActivityMetrics.From(RecordingMapper.From(FitActivityReader.Read(file))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runrecovery fit parse {parse * 1000:F3} ms, parse + map + metrics {whole * 1000:F3} ms = {file.Length / whole / 1e6:F1} MB/s"));
            return true;
        }

        return false;
    }

    /// <summary>Counts messages: the wire layer alone.</summary>
    private sealed class CountingSink : IFitMessageSink
    {
        public int Messages { get; private set; }

        public void OnFileHeader(in FitFileHeader header)
        {
        }

        public void OnDefinition(FitMessageDefinition definition)
        {
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call, like the mapping's sink
        public void OnMessage(in FitMessage message) => Messages++;

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(FormatWarning warning)
        {
        }
    }

    /// <summary>Mean wall time of 50 runs after 10 warm-ups (the process CPU time per run is printed too).</summary>
    private static double MeanSeconds(Func<object> run)
    {
        for (int i = 0; i < 10; i++)
        {
            GC.KeepAlive(run());
        }

        const int Iterations = 50;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            GC.KeepAlive(run());
        }

        double wall = clock.Elapsed.TotalSeconds / Iterations;
        process.Refresh();
        Console.Write(string.Create(CultureInfo.InvariantCulture, $"[cpu {(process.TotalProcessorTime - cpu).TotalMilliseconds / Iterations:F3} ms/run] "));
        return wall;
    }
}
