namespace RunRecovery.Scoring.Recommendations;

/// <summary>The words used for <see cref="Recommendation.Kind"/> (docs/recovery-model.md §7).</summary>
public static class RecommendationKind
{
    public const string Massage = "massage";
    public const string Stretch = "stretch";
    public const string Hydration = "hydration";
    public const string Rest = "rest";
    public const string Easy = "easy";
    public const string SeeProfessional = "see-professional";

    /// <summary>A hard (quality) session is fine that day. The only kind that suggests intensity.</summary>
    public const string Quality = "quality";
}

/// <summary>The words used for <see cref="Recommendation.Trigger"/>: why an item exists.</summary>
public static class RecommendationTrigger
{
    public const string Run = "run";
    public const string FollowUp = "follow-up";
    public const string LoadSpike = "load-spike";
    public const string Unaccustomed = "unaccustomed-run";

    /// <summary>The week's running distance is at least twice the usual week's (docs/recovery-model.md §7.4).</summary>
    public const string DistanceSpike = "distance-spike";
    public const string RecoveryTime = "recovery-time";
    public const string Soreness = "soreness";
    public const string Pain = "pain";
    public const string MorningCheckin = "morning-check-in";
    public const string Schedule = "schedule";
}

/// <summary>The words used for <see cref="RecommendationStep.Action"/>.</summary>
public static class StepAction
{
    public const string Massage = "massage";
    public const string Stretch = "stretch";
}

/// <summary>The words used for <see cref="Recommendation.Tool"/>.</summary>
public static class ToolName
{
    public const string Hands = "hands";
    public const string FoamRoller = "foam-roller";
    public const string MassageGun = "massage-gun";
    public const string TennisBall = "tennis-ball";
    public const string Electrolytes = "electrolytes";

    public static string Of(Planning.MassageTool tool) => tool switch
    {
        Planning.MassageTool.FoamRoller => FoamRoller,
        Planning.MassageTool.MassageGun => MassageGun,
        Planning.MassageTool.TennisBall => TennisBall,
        _ => Hands,
    };
}
