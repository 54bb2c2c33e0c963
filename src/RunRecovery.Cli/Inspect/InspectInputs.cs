using RunRecovery.Formats;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;

namespace RunRecovery.Cli.Inspect;

/// <summary>One activity file to inspect: its bytes, or why they could not be had.</summary>
public sealed record InspectInput(string Name, byte[]? Content, ActivityFileException? Error);

/// <summary>
/// Turns command-line paths into activity inputs. Formats are told apart by content; names only decide whether an
/// unrecognised file inside a folder or archive is worth reporting (activities.csv, photos and notes are skipped;
/// a file named *.fit/*.gpx/*.tcx[.gz] that is none of them is reported as an error). A path given explicitly is
/// always reported.
/// </summary>
public static class InspectInputs
{
    private const int SniffBytes = 64 * 1024;

    public static IEnumerable<InspectInput> Expand(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                // Symlinked folders are not followed (a link cycle would never end); unreadable folders are skipped.
                var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
                IEnumerable<string> files = Directory.EnumerateFiles(path, "*", options).Order(StringComparer.Ordinal);
                foreach (string file in files)
                {
                    foreach (InspectInput input in FromFile(file, explicitly: false))
                    {
                        yield return input;
                    }
                }
            }
            else
            {
                foreach (InspectInput input in FromFile(path, explicitly: true))
                {
                    yield return input;
                }
            }
        }
    }

    private static IEnumerable<InspectInput> FromFile(string path, bool explicitly)
    {
        ContentKind kind;
        try
        {
            kind = Sniff(path);
        }
        catch (IOException error)
        {
            return [new InspectInput(path, null, new ActivityFileException("io-error", $"{path}: {error.Message}", null, error))];
        }
        catch (UnauthorizedAccessException error)
        {
            return [new InspectInput(path, null, new ActivityFileException("io-error", $"{path}: {error.Message}", null, error))];
        }

        if (kind == ContentKind.Zip)
        {
            return FromArchive(path);
        }

        if (!explicitly && kind is ContentKind.Unknown or ContentKind.OtherXml && !LooksLikeActivity(path))
        {
            return [];
        }

        long size = new FileInfo(path).Length;
        if (size > ArchiveLimits.Default.MaxEntryBytes)
        {
            return [new InspectInput(path, null, new ActivityFileException(
                "too-large", $"{path}: {size} bytes is more than any activity file ({ArchiveLimits.Default.MaxEntryBytes} bytes); not read.", null))];
        }

        return [new InspectInput(path, File.ReadAllBytes(path), null)];
    }

    private static IEnumerable<InspectInput> FromArchive(string path)
    {
        using FileStream stream = File.OpenRead(path);
        foreach (ArchiveEntry entry in ActivityArchive.Expand(stream, path))
        {
            if (entry.Error is not null)
            {
                yield return new InspectInput(entry.Path, null, entry.Error);
                continue;
            }

            ContentKind kind = ActivityFile.Detect(entry.Content);
            if (kind is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx or ContentKind.XmlWithDtd || entry.NamedLikeActivity)
            {
                yield return new InspectInput(entry.Path, entry.Content, null);
            }
        }
    }

    private static ContentKind Sniff(string path)
    {
        using FileStream stream = File.OpenRead(path);
        byte[] head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        return ActivityFile.Detect(head);
    }

    private static bool LooksLikeActivity(string path) => new ArchiveEntry(path, null, null).NamedLikeActivity;
}
