using System.Globalization;
using System.Text;

namespace RunRecovery.Application.Runners.Export;

/// <summary>README.txt of an export: what each part is, in words, with the counts.</summary>
public static class ExportReadme
{
    public static string Text(ExportManifest manifest)
    {
        ExportCounts counts = manifest.Counts;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"RunRecovery data export for runner {manifest.RunnerId}, made {manifest.ExportedAt:u}.");
        text.AppendLine();
        text.AppendLine("Everything RunRecovery holds about you:");
        text.AppendLine("  runner.json           your name, email, time zone and when the account was made");
        text.AppendLine("  profile.json          your recovery profile and webhook URL (the webhook signing secret is never exported)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  checkins.json         {counts.Checkins} check-ins");
        text.AppendLine(CultureInfo.InvariantCulture, $"  recommendations.json  {counts.Recommendations} recommendations with what you did with them and webhook deliveries");
        text.AppendLine(CultureInfo.InvariantCulture, $"  clubs.json            {counts.ClubMemberships} club memberships (club name and your role; nothing about other members)");
        text.AppendLine("  scoring.json          the state of your load recomputes");
        text.AppendLine(CultureInfo.InvariantCulture, $"  activities/           {counts.Activities} activities: for each, <start>_<id>.json (summary, metrics, loads)");
        text.AppendLine(CultureInfo.InvariantCulture, $"                        and {counts.Files} original files exactly as uploaded ({counts.FileBytes} bytes in all)");
        text.AppendLine("  manifest.json         this list as data, with each file's original name and SHA-256");
        text.AppendLine();
        text.AppendLine("Check a file: sha256sum activities/<name> must print the sha256 listed for it in manifest.json.");
        text.AppendLine("Delete everything: DELETE /api/runners/me (see docs/security.md, \"Runners' data rights\").");
        return text.ToString();
    }
}
