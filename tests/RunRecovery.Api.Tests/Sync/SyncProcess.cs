using System.Collections.Concurrent;
using System.Diagnostics;

namespace RunRecovery.Api.Tests.Sync;

/// <summary>`runrecovery sync` as a real child process (runrecovery.dll from the test's output folder), so a test can kill it.</summary>
public sealed class SyncProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SyncProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue("stderr: " + e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public static SyncProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runrecovery.dll"));
        start.ArgumentList.Add("sync");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new SyncProcess(Process.Start(start) ?? throw new InvalidOperationException("runrecovery did not start"));
    }

    /// <summary>Waits (at most two minutes) until a line matches; fails the test with the output otherwise.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (!_lines.Any(match))
        {
            if (_process.HasExited && !_lines.Any(match))
            {
                _process.WaitForExit(); // drains the redirected output
                Assert.Fail($"runrecovery sync exited ({_process.ExitCode}):\n{string.Join('\n', _lines)}");
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"no matching line within two minutes:\n{string.Join('\n', _lines)}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up, as a crash or a pulled plug.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
