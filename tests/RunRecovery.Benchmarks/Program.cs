using BenchmarkDotNet.Running;
using RunRecovery.Benchmarks.Fit;

if (FitThroughputCommand.TryRun(args))
{
    return 0;
}

if (args.Length > 0 && args[0] == "gpx")
{
    return RunRecovery.Benchmarks.Gpx.GpxQuickBench.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
