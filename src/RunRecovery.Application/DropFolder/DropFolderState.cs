using System.Text.Json;

namespace RunRecovery.Application.DropFolder;

/// <summary>
/// What the drop folder has processed, by path relative to the folder: the size and modification time it had, its
/// SHA-256 and what became of it. Kept in <c>.runrecovery-drop.json</c> in the folder, rewritten atomically after
/// every file (a temporary file beside it, flushed, renamed over the old one), so a crash leaves the old state or
/// the new one. A file is taken again only when its size or time changes and its hash is not the one recorded.
/// </summary>
public sealed class DropFolderState
{
    public const string FileName = ".runrecovery-drop.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _path;
    private readonly Dictionary<string, DropFolderEntry> _entries;

    private DropFolderState(string path, Dictionary<string, DropFolderEntry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public IReadOnlyDictionary<string, DropFolderEntry> Entries => _entries;

    /// <summary>The state of <paramref name="folder"/>; empty when there is none yet. An unreadable state file is kept aside and started afresh.</summary>
    public static DropFolderState Load(string folder)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new DropFolderState(path, new Dictionary<string, DropFolderEntry>(StringComparer.Ordinal));
        }

        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, DropFolderEntry>>(File.ReadAllText(path), Json);
            return new DropFolderState(path, new Dictionary<string, DropFolderEntry>(entries ?? [], StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            File.Move(path, path + ".unreadable", overwrite: true); // files already stored come back as duplicates
            return new DropFolderState(path, new Dictionary<string, DropFolderEntry>(StringComparer.Ordinal));
        }
    }

    /// <summary>True when the file at <paramref name="relative"/> is recorded with this size and time.</summary>
    public bool Has(string relative, long size, DateTime lastWriteUtc) =>
        _entries.TryGetValue(relative, out DropFolderEntry? entry) && entry.Size == size && entry.LastWriteUtc == lastWriteUtc;

    public DropFolderEntry? Get(string relative) => _entries.GetValueOrDefault(relative);

    public void Record(string relative, DropFolderEntry entry)
    {
        _entries[relative] = entry;
        string temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _entries, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}

/// <param name="Outcome">created, duplicate or failed (each file of an archive counted; failed when none was stored).</param>
/// <param name="ActivityIds">The activities created or matched.</param>
/// <param name="Problem">Why it failed; null otherwise.</param>
public sealed record DropFolderEntry(
    long Size,
    DateTime LastWriteUtc,
    string Sha256,
    string Outcome,
    IReadOnlyList<Guid> ActivityIds,
    string? Problem,
    DateTimeOffset ProcessedAt);
