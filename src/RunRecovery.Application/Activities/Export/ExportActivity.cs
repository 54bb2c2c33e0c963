using RunRecovery.Analysis;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Export;

/// <summary>One of the runner's activities written again as FIT, GPX or TCX by our own encoders.</summary>
public sealed record ExportActivity(Guid RunnerId, Guid ActivityId, ActivityFormat Format) : IQuery<ExportedActivityFile>;

public sealed record ExportedActivityFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Reads the stored original again and writes it in the asked format. The runner's edits win over the file: the
/// stored name (GPX trk/name, TCX Activity/Notes; FIT has no place for one) and, for a one-sport activity, the
/// stored sport. A file with a device-relative clock (no calendar date) is written only as FIT: GPX and TCX would need
/// invented dates, so they get 409 <c>no-calendar-date</c>.
/// </summary>
public sealed class ExportActivityHandler(RunRecoveryDb db, ParsedActivityCache cache) : IQueryHandler<ExportActivity, ExportedActivityFile>
{
    public async ValueTask<ExportedActivityFile> Handle(ExportActivity query, CancellationToken cancellationToken)
    {
        var stored = await db.Activities
            .Where(a => a.Id == query.ActivityId && a.RunnerId == query.RunnerId)
            .Select(a => new { a.Name, a.Sport, a.StartUtc })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No activity {query.ActivityId}.");
        ParsedActivity parsed = await StoredActivityFile.ReadAsync(db, cache, query.RunnerId, query.ActivityId, cancellationToken);
        if (parsed.ClockIsDeviceRelative && query.Format != ActivityFormat.Fit)
        {
            // GPX and TCX need calendar times; inventing a date would put a made-up day into another app's history.
            throw new ConflictException(
                $"This activity's file has no calendar date: its clock counts seconds from the device's power-on. It cannot be written as {query.Format.ToString().ToUpperInvariant()}, which needs real times; export it as FIT, which keeps the device's clock.")
            {
                Code = "no-calendar-date",
            };
        }

        Sport sport = Enum.TryParse(stored.Sport, ignoreCase: true, out Sport s) ? s : RecordingMapper.SportOf(parsed.Sport);
        byte[] content = ActivityExportFormats.Write(ActivityExportFormats.Edited(parsed, sport), query.Format, stored.Name);
        return new ExportedActivityFile(content, ActivityExportFormats.ContentType(query.Format),
            ActivityExportFormats.FileName(query.ActivityId, stored.Name, stored.StartUtc, query.Format));
    }
}
