using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using RunRecovery.Analysis;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Gpx;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Benchmarks.Gpx;

/// <summary>
/// A short, scriptable run (bench/gpxpy/run.sh) next to the BenchmarkDotNet class:
///   gpx generate PATH      write the 10-hour file
///   gpx time [PATH]        parse + metrics, median of 15 timed runs after 5 warm-ups, one thread
///   gpx zip-memory         expand a 20-entry ZIP of such files and report the managed heap's peak
/// </summary>
public static class GpxQuickBench
{
    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string command = args.Length > 0 ? args[0] : "time";
        switch (command)
        {
            case "generate":
                File.WriteAllBytes(args[1], LongRunFile.Create());
                Console.WriteLine($"wrote {args[1]} ({new FileInfo(args[1]).Length} bytes, {LongRunFile.Points} points)");
                return 0;
            case "time":
                return Time(args.Length > 1 ? File.ReadAllBytes(args[1]) : LongRunFile.Create());
            case "xml-raw":
                XmlReaderSpeed.Run(File.ReadAllBytes(args[1]));
                return 0;
            case "zip-memory":
                return ZipMemory();
            default:
                Console.Error.WriteLine("usage: gpx generate PATH | gpx time [PATH] | gpx zip-memory");
                return 2;
        }
    }

    private static int Time(byte[] file)
    {
        for (int i = 0; i < 5; i++)
        {
            _ = ActivityMetrics.From(RecordingMapper.From(GpxReader.Read(file)));
        }

        var parse = new List<double>();
        var total = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < 15; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var activity = GpxReader.Read(file);
            double parsed = watch.Elapsed.TotalSeconds;
            ActivityMetrics metrics = ActivityMetrics.From(RecordingMapper.From(activity));
            total.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            parse.Add(parsed);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(metrics);
        }

        var parsedOnce = GpxReader.Read(file);
        var metricsOnly = new List<double>();
        for (int i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(ActivityMetrics.From(RecordingMapper.From(parsedOnce)));
            metricsOnly.Add(watch.Elapsed.TotalSeconds);
        }

        metricsOnly.Sort();
        Console.WriteLine($"map + metrics:   median {metricsOnly[metricsOnly.Count / 2] * 1000:F1} ms");
        parse.Sort();
        total.Sort();
        double mb = file.Length / 1e6;
        double medianTotal = total[total.Count / 2];
        double medianParse = parse[parse.Count / 2];
        Console.WriteLine($"file: {file.Length} bytes ({mb:F2} MB), {LongRunFile.Points} points");
        Console.WriteLine($"parse only:      median {medianParse * 1000:F1} ms  = {mb / medianParse:F1} MB/s");
        Console.WriteLine($"parse + metrics: median {medianTotal * 1000:F1} ms  = {mb / medianTotal:F1} MB/s (min {total[0] * 1000:F1} ms)");
        cpu.Sort();
        double medianCpu = cpu[cpu.Count / 2];
        Console.WriteLine($"parse + metrics CPU time (process, all threads): median {medianCpu * 1000:F1} ms = {mb / medianCpu:F1} MB/s of CPU");
        Console.WriteLine($"allocated per parse + metrics: {allocated / 1e6:F1} MB");
        Console.WriteLine($"ours_cpu_seconds={medianCpu:F4}");
        Console.WriteLine($"ours_seconds={medianTotal:F4}");
        Console.WriteLine($"ours_best_seconds={total[0]:F4}");
        return 0;
    }

    private static int ZipMemory()
    {
        byte[] entry = LongRunFile.Create();
        string path = Path.Combine(Path.GetTempPath(), $"runrecovery-zip-memory-{Environment.ProcessId}.zip");
        const int Entries = 20;
        try
        {
            using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                for (int i = 0; i < Entries; i++)
                {
                    using Stream stream = zip.CreateEntry($"activities/{i}.gpx", CompressionLevel.Fastest).Open();
                    stream.Write(entry);
                }
            }

            entry = [];
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            long expanded = 0;
            using (FileStream file = File.OpenRead(path))
            {
                foreach (ArchiveEntry e in ActivityArchive.Expand(file, "export.zip"))
                {
                    expanded += e.Content?.Length ?? 0;

                    // What is live while this entry is held (garbage waiting for collection is not retained memory).
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }

            Console.WriteLine($"zip: {new FileInfo(path).Length / 1e6:F1} MB on disk, {Entries} entries, {expanded / 1e6:F1} MB expanded, largest entry {expanded / Entries / 1e6:F1} MB");
            Console.WriteLine($"live managed memory above baseline while holding an entry: peak {peak / 1e6:F1} MB");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Raw node-walk speed of the two framework readers on the same bytes (why GpxReader uses the one it does).</summary>
public static class XmlReaderSpeed
{
    public static void Run(byte[] file)
    {
        for (int round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            using (var legacy = new System.Xml.XmlTextReader(new MemoryStream(file)) { Namespaces = false, DtdProcessing = System.Xml.DtdProcessing.Prohibit, WhitespaceHandling = System.Xml.WhitespaceHandling.None })
            {
                while (legacy.Read())
                {
                    if (legacy.NodeType == System.Xml.XmlNodeType.Text)
                    {
                        _ = legacy.Value;
                    }
                }
            }

            double a = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            char[] buffer = new char[128];
            using (var modern = System.Xml.XmlReader.Create(new MemoryStream(file), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true }))
            {
                while (modern.Read())
                {
                    if (modern.NodeType == System.Xml.XmlNodeType.Text)
                    {
                        _ = modern.ReadValueChunk(buffer, 0, 128);
                    }
                }
            }

            double b = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"XmlTextReader(Namespaces=false)+Value: {a:F1} ms; XmlReader.Create+ReadValueChunk: {b:F1} ms");
        }
    }
}
