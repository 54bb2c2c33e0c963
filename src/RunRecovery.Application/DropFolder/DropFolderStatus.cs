using System.Collections.Concurrent;

namespace RunRecovery.Application.DropFolder;

/// <summary>What this process's drop folder service has done since it started: scans finished and files processed.</summary>
public sealed class DropFolderStatus
{
    private readonly ConcurrentQueue<DropFolderEvent> _processed = new();
    private int _scans;

    public int Scans => Volatile.Read(ref _scans);

    public IReadOnlyList<DropFolderEvent> Processed => [.. _processed];

    internal void ScanFinished() => Interlocked.Increment(ref _scans);

    internal void Add(DropFolderEvent processed) => _processed.Enqueue(processed);
}

/// <param name="Outcome">created, duplicate or failed.</param>
public sealed record DropFolderEvent(string Relative, string Outcome, string? Problem);
