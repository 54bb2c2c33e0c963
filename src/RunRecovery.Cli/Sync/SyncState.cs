using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRecovery.Cli.Sync;

/// <summary>
/// What `runrecovery sync` has sent, keyed by the file's SHA-256, for one server. Saved after every file by writing
/// a temporary file beside it and renaming it over the old one (atomic on POSIX and NTFS), so a crash leaves either
/// the previous state or the new one, never half of one.
/// </summary>
public sealed class SyncState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _path;
    private readonly StateDocument _document;

    private SyncState(string path, StateDocument document)
    {
        _path = path;
        _document = document;
    }

    public int Count => _document.Files.Count;

    public static string DefaultPath()
    {
        string? stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        string root = string.IsNullOrEmpty(stateHome)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : stateHome;
        return Path.Combine(root, "runrecovery", "sync.json");
    }

    /// <summary>Reads the state file (a missing file is an empty state); throws <see cref="InvalidDataException"/> when it is unreadable or for another server.</summary>
    public static SyncState Load(string path, string server)
    {
        if (!File.Exists(path))
        {
            return new SyncState(path, new StateDocument { Server = server });
        }

        StateDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException failure)
        {
            throw new InvalidDataException($"{path}: not a sync state file ({failure.Message})", failure);
        }

        if (document is null || document.Version != StateDocument.CurrentVersion)
        {
            throw new InvalidDataException($"{path}: not a version {StateDocument.CurrentVersion} sync state file");
        }

        if (!string.Equals(document.Server, server, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: records uploads to {document.Server}, not {server}; give another --state for this server");
        }

        return new SyncState(path, document);
    }

    public bool WasSent(string sha256) => _document.Files.ContainsKey(sha256);

    /// <summary>Records one file and saves the state atomically.</summary>
    public void Record(string sha256, SentFile file)
    {
        _document.Files[sha256] = file;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        string temporary = $"{_path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _document, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private sealed class StateDocument
    {
        public const int CurrentVersion = 1;

        public int Version { get; set; } = CurrentVersion;

        public string Server { get; set; } = "";

        [JsonPropertyName("files")]
        public Dictionary<string, SentFile> Files { get; set; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One file as the service answered it: created, duplicate, or refused (a permanent 4xx such as 422).</summary>
public sealed record SentFile(string Path, string Outcome, int? Status, string Detail, DateTimeOffset At);
