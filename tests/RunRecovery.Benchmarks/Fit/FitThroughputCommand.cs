using System.Diagnostics;
using System.Globalization;
using RunRecovery.Formats.Fit;

namespace RunRecovery.Benchmarks.Fit;

/// <summary>
/// Plain commands for bench/garmin-fitsdk/run.sh: "fit-write PATH" writes the benchmark file; "fit-throughput PATH"
/// decodes it repeatedly (after a warm-up) and prints MB/s, so both decoders are timed in the same run.
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

        return false;
    }
}
