using BenchmarkDotNet.Running;
using RunRecovery.Benchmarks.Fit;

if (FitThroughputCommand.TryRun(args))
{
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
