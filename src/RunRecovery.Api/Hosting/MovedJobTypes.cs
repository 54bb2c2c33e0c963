using Hangfire.Common;
using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// Hangfire stores each job by its class's full name. A job enqueued (or scheduled for a retry) before a class moved
/// to another namespace would otherwise fail with "could not load type" after the upgrade. Old names of moved job
/// classes resolve to the classes as they are now (docs/decisions/application-structure.md); every other name
/// resolves as Hangfire always does. A moved job keeps its method and arguments, so the stored call still binds.
/// </summary>
internal static class MovedJobTypes
{
    private static readonly Dictionary<string, Type> ByFormerName = new(StringComparer.Ordinal)
    {
        ["RunRecovery.Application.Scoring.ScoreRunnerJob"] = typeof(ScoreRunnerJob),
        ["RunRecovery.Application.Scoring.SweepUnscoredJob"] = typeof(SweepUnscoredJob),
        ["RunRecovery.Application.Imports.Run.RunClubImportJob"] = typeof(RunClubImportJob),
        ["RunRecovery.Application.Imports.Run.ImportMemberJob"] = typeof(ImportMemberJob),
        ["RunRecovery.Application.Imports.Run.ResumeStalledImportsJob"] = typeof(ResumeStalledImportsJob),
    };

    /// <param name="typeName">As stored: "Namespace.Type, Assembly" (assembly name without version).</param>
    public static Type Resolve(string typeName)
    {
        int comma = typeName.IndexOf(',', StringComparison.Ordinal);
        string name = (comma < 0 ? typeName : typeName[..comma]).Trim();
        return ByFormerName.TryGetValue(name, out Type? moved) ? moved : TypeHelper.DefaultTypeResolver(typeName);
    }
}
