using RunRecovery.Formats.Errors;

namespace RunRecovery.Formats.Archives;

/// <summary>
/// One file found in an archive, with its path inside the archive ("export.zip!activities/1.fit.gz!1.fit" for
/// nested or compressed entries). Exactly one of <see cref="Content"/> and <see cref="Error"/> is set.
/// </summary>
public sealed record ArchiveEntry(string Path, byte[]? Content, ActivityFileException? Error)
{
    /// <summary>True when the entry's name suggests an activity file; used only to decide whether an
    /// unrecognised entry is worth reporting (activities.csv, photos and profile files are not).</summary>
    public bool NamedLikeActivity
    {
        get
        {
            string name = Path.ToUpperInvariant();
            return name.EndsWith(".FIT", StringComparison.Ordinal) || name.EndsWith(".GPX", StringComparison.Ordinal)
                || name.EndsWith(".TCX", StringComparison.Ordinal) || name.EndsWith(".FIT.GZ", StringComparison.Ordinal)
                || name.EndsWith(".GPX.GZ", StringComparison.Ordinal) || name.EndsWith(".TCX.GZ", StringComparison.Ordinal);
        }
    }
}
