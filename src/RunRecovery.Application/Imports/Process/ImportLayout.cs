using System.IO.Compression;
using System.Text;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// How an archive says whose files are whose. "manifest": a <c>manifest.csv</c> at the root with the columns
/// <c>member</c> and <c>file</c> (a path in the archive); only listed files are read. "folders" (no manifest):
/// each top-level folder is a member, named by their email or the club's external id. Nothing is guessed: a
/// file whose member cannot be told is reported, not imported.
/// </summary>
public sealed class ImportLayout
{
    public const string Folders = "folders";
    public const string Manifest = "manifest";
    public const string ManifestName = "manifest.csv";

    private const int MaxManifestBytes = 16 << 20;

    private readonly Dictionary<string, string>? _manifest;

    private ImportLayout(string kind, Dictionary<string, string>? manifest, IReadOnlyList<ManifestRow> missing, IReadOnlyList<string> entries)
    {
        Kind = kind;
        Entries = entries;
        _manifest = manifest;
        MissingFiles = missing;
    }

    public string Kind { get; }

    /// <summary>Manifest rows naming a file the archive does not hold, in the manifest's order.</summary>
    public IReadOnlyList<ManifestRow> MissingFiles { get; }

    /// <summary>The names of the archive's top-level entries other than folders, in central-directory order (the expansion's).</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Reads the central directory (and the manifest, if any); throws <see cref="InvalidDataException"/> for a bad manifest.</summary>
    public static ImportLayout Read(string archivePath)
    {
        using ZipArchive zip = ZipFile.OpenRead(archivePath);
        ZipArchiveEntry? manifestEntry = zip.Entries.FirstOrDefault(entry => entry.FullName.Equals(ManifestName, StringComparison.OrdinalIgnoreCase));
        string[] entries = [.. zip.Entries.Select(entry => entry.FullName).Where(name => !name.EndsWith('/') && !name.EndsWith('\\'))];
        if (manifestEntry is null)
        {
            return new ImportLayout(Folders, null, [], entries);
        }

        if (manifestEntry.Length > MaxManifestBytes)
        {
            throw new InvalidDataException($"{ManifestName} is larger than {MaxManifestBytes} bytes.");
        }

        using var reader = new StreamReader(manifestEntry.Open(), Encoding.UTF8);
        List<ManifestRow> rows = ParseManifest(reader);
        var names = new HashSet<string>(zip.Entries.Select(entry => Normalize(entry.FullName)), StringComparer.OrdinalIgnoreCase);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<ManifestRow>();
        foreach (ManifestRow row in rows)
        {
            if (!names.Contains(row.File))
            {
                missing.Add(row);
            }
            else if (!map.TryAdd(row.File, row.Member) && !string.Equals(map[row.File], row.Member, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{ManifestName} names two members for '{row.File}'.");
            }
        }

        return new ImportLayout(Manifest, map, missing, entries);
    }

    /// <summary>True for the manifest itself and for operating-system litter (__MACOSX, ._files, .DS_Store).</summary>
    public bool IsIgnored(string topLevelName)
    {
        string name = Normalize(topLevelName);
        string leaf = name[(name.LastIndexOf('/') + 1)..];
        return (Kind == Manifest && name.Equals(ManifestName, StringComparison.OrdinalIgnoreCase))
            || name.StartsWith("__MACOSX/", StringComparison.Ordinal) || leaf.StartsWith("._", StringComparison.Ordinal)
            || leaf.Equals(".DS_Store", StringComparison.Ordinal);
    }

    /// <summary>The member key (email or external id) for a top-level entry, or null with the reason nobody can be told.</summary>
    public (string? Member, string? Problem) MemberFor(string topLevelName)
    {
        string name = Normalize(topLevelName);
        if (_manifest is not null)
        {
            return _manifest.TryGetValue(name, out string? member)
                ? (member, null)
                : (null, $"'{name}' is not listed in {ManifestName}.");
        }

        int slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            ? (name[..slash], null)
            : (null, $"'{name}' is not in a member's folder (folders are named by the member's email or external id).");
    }

    public static string Normalize(string path)
    {
        string name = path.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        return name;
    }

    private static List<ManifestRow> ParseManifest(TextReader reader)
    {
        List<string[]> lines = [.. Csv.Read(reader).Where(fields => fields.Any(field => field.Length > 0))];
        if (lines.Count == 0)
        {
            return [];
        }

        string[] header = [.. lines[0].Select(field => field.Trim().ToLowerInvariant())];
        int member = Array.IndexOf(header, "member");
        int file = Array.FindIndex(header, field => field is "file" or "path" or "file path" or "file_path");
        if (member < 0 || file < 0)
        {
            throw new InvalidDataException($"{ManifestName} needs a header row with the columns 'member' and 'file'.");
        }

        var rows = new List<ManifestRow>(lines.Count - 1);
        for (int i = 1; i < lines.Count; i++)
        {
            string[] fields = lines[i];
            if (fields.Length <= Math.Max(member, file))
            {
                throw new InvalidDataException($"{ManifestName} line {i + 1} has {fields.Length} fields; the header has {header.Length}.");
            }

            rows.Add(new ManifestRow(i + 1, fields[member].Trim(), Normalize(fields[file].Trim())));
        }

        return rows;
    }
}

/// <summary>One manifest line: its line number, the member key and the file's path in the archive.</summary>
public sealed record ManifestRow(int Line, string Member, string File);
