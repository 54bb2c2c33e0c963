namespace RunRecovery.Application.Persistence;

/// <summary>Limits on what a runner may write on an activity, shared by validation and the table definition.</summary>
public static class ActivityRules
{
    /// <summary>As a runner's own name (<see cref="RunnerRules.MaxNameLength"/>); Strava's activity names are shorter.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A few paragraphs; notes are for the runner, not a training diary's attachments.</summary>
    public const int MaxNotesLength = 4000;
}
