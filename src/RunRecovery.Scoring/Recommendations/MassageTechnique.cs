using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Which tool and which technique for a muscle group (docs/recovery-model.md §7.1).</summary>
public static class MassageTechnique
{
    /// <summary>Tool preference and technique per group (issue 5): only owned tools, never an always-dismissed one,
    /// no massage gun right before a hard session; hands are the fallback.</summary>
    public static (string Tool, string Technique) Choose(MuscleGroup group, RecommendationContext context, bool hardSoon, List<string> reasons)
    {
        MassageTool[] preference = group switch
        {
            MuscleGroup.Calves => [MassageTool.Hands, MassageTool.MassageGun, MassageTool.FoamRoller],
            MuscleGroup.Shins => [MassageTool.FoamRoller, MassageTool.Hands],
            MuscleGroup.Glutes => [MassageTool.TennisBall, MassageTool.FoamRoller, MassageTool.MassageGun, MassageTool.Hands],
            _ => [MassageTool.FoamRoller, MassageTool.MassageGun, MassageTool.Hands],
        };

        MassageTool chosen = MassageTool.Hands;
        foreach (var tool in preference)
        {
            string name = ToolName.Of(tool);
            if (!context.Profile.Owns(tool))
            {
                continue;
            }

            if (context.Feedback.AvoidsTool(name))
            {
                reasons.Add(context.Feedback.ToolReason(name));
                continue;
            }

            if (tool == MassageTool.MassageGun && hardSoon)
            {
                reasons.Add("No massage gun: a quality session is suggested within 12 h, and percussion can blunt strength and speed for a while.");
                continue;
            }

            chosen = tool;
            break;
        }

        string technique = (group, chosen) switch
        {
            (MuscleGroup.Calves, MassageTool.Hands) => "Squeeze and knead the calf, then thumb pressure along the muscle, always stroking toward the knee.",
            (MuscleGroup.Calves, _) => "Slow passes along the calf from ankle toward the knee, moderate pressure, skip the Achilles tendon.",
            (MuscleGroup.Shins, MassageTool.FoamRoller) => "Gentle rolling of the muscle beside the shin bone (not on the bone), light pressure, slow.",
            (MuscleGroup.Shins, _) => "Gentle rolling strokes with the palm along the muscle beside the shin bone (not on the bone), toward the knee.",
            (MuscleGroup.Glutes, MassageTool.TennisBall) => "Sit on a tennis ball and hold gentle pressure on tender spots for 20–30 s, then move on.",
            (MuscleGroup.Glutes, MassageTool.Hands) => "Knead the buttock muscles with the heel of the hand and the knuckles.",
            (MuscleGroup.Glutes, MassageTool.FoamRoller) => "Sit on the roller, lean onto one side and roll the buttock slowly, pausing on tender spots.",
            (_, MassageTool.FoamRoller) => "Slow foam-roller passes from knee to hip, about 2–3 cm per second, pausing on tender spots.",
            (_, MassageTool.MassageGun) => "Massage gun on a low setting, slow passes along the muscle, about 1 minute per area, off bone and joints.",
            _ => "Kneading with both hands, working from the knee toward the hip.",
        };

        return (ToolName.Of(chosen), technique);
    }
}
