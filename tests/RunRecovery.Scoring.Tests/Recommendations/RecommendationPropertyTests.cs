using CsCheck;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Tests.Load;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Recommendations;

public class RecommendationPropertyTests
{
    private static readonly string[] Diagnoses = ["tendin", "fractur", "shin splint", "fasciitis", "you have", "syndrome", "tear", "sprain"];

    private static readonly Gen<SorenessCheckin> Checkin =
        from daysAgo in Gen.Int[0, 6]
        from part in Gen.OneOf(Enum.GetValues<BodyPart>())
        from level in Gen.Int[0, 10]
        from pain in Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)))
        select new SorenessCheckin(DateOnly.FromDateTime(Generators.Epoch.UtcDateTime).AddDays(30 - daysAgo), part, level, pain);

    private static readonly Gen<RecommendationFeedback> Feedback =
        from daysAgo in Gen.Double[0, 40]
        from kind in Gen.OneOf(K.Massage, K.Stretch, K.Hydration)
        from tool in Gen.OneOf<string?>(null, ToolName.FoamRoller, ToolName.MassageGun, ToolName.Hands)
        from outcome in Gen.OneOf(FeedbackOutcome.Done, FeedbackOutcome.Dismissed, FeedbackOutcome.Dismissed)
        select new RecommendationFeedback(Generators.Epoch.AddDays(30 - daysAgo), kind, outcome, tool);

    private static readonly Gen<(RunnerProfile Profile, Scoring.Load.ActivityLoadInput[] Runs, SorenessCheckin[] Checkins, RecommendationFeedback[] Feedback, DateTimeOffset AsOf)> Case =
        from profile in Generators.Profile
        from runs in Generators.History(25, 30)
        from checkins in Checkin.Array[0, 8]
        from feedback in Feedback.Array[0, 8]
        from asOfHours in Gen.Double[29 * 24, 31 * 24]
        select (profile, runs, checkins, feedback, Generators.Epoch.AddHours(asOfHours));

    [Fact]
    public void Queue_invariants_hold_for_any_runner()
    {
        Case.Sample(c =>
        {
            var plan = RecoveryPlanner.Plan(c.Profile, c.Runs, c.Checkins, c.Feedback, c.AsOf);
            var zone = LocalTime.Zone(c.Profile);
            DateOnly today = LocalTime.Date(c.AsOf, zone);
            var flagged = SafetyRules.Flagged(c.Checkins, today);
            bool sore = c.Checkins.Any(x => x.Date >= today.AddDays(-1) && x.Date <= today && x.Soreness >= SafetyRules.HighSoreness);

            // A rest recommendation is never paired with an intensity one on the same day.
            foreach (var day in plan.Recommendations.Where(r => r.Day is not null).GroupBy(r => r.Day))
            {
                Assert.False(day.Any(r => r.Kind == K.Rest) && day.Any(r => r.SuggestsIntensity), $"rest and quality on {day.Key}");
            }

            // Never intensity while soreness check-ins are high, or while a part is flagged.
            if (sore || flagged.Count > 0)
            {
                Assert.DoesNotContain(plan.Recommendations, r => r.SuggestsIntensity);
            }

            foreach (var r in plan.Recommendations)
            {
                Assert.NotEmpty(r.Reasons);
                Assert.True(r.ExpiresUtc > c.AsOf && r.DueUtc < r.ExpiresUtc, r.Id);

                // Flagged parts get no massage or stretching.
                if (r.Kind is K.Massage or K.Stretch)
                {
                    Assert.DoesNotContain(r.BodyParts, flagged.ContainsKey);
                }

                // Only tools the runner owns.
                if (r.Kind == K.Massage)
                {
                    Assert.Contains(r.Tool, c.Profile.Tools.Select(ToolName.Of).Append(ToolName.Hands));
                }

                // Due within waking hours, local time.
                var local = LocalTime.TimeOfDay(r.DueUtc, zone);
                Assert.True(local >= c.Profile.WakeTime && local <= c.Profile.BedTime.AddMinutes(-30), $"{r.Id} due {local} local");

                // Careful wording: no diagnoses, never "drink as much as possible".
                string text = string.Join(' ', r.Reasons.Append(r.Technique ?? "")).ToLowerInvariant();
                Assert.DoesNotContain(Diagnoses, text.Contains);
                Assert.DoesNotContain("as much as possible", text, StringComparison.Ordinal);
            }

            // At least 5 minutes of massage in total for each massage session.
            foreach (var session in plan.Recommendations.Where(r => r.Kind == K.Massage).GroupBy(r => (r.ActivityId, r.DueUtc)))
            {
                Assert.True(session.Sum(r => r.DurationMinutes) >= 5);
            }

            // Every flagged part has a see-professional item.
            foreach (var part in flagged.Keys)
            {
                Assert.Contains(plan.Recommendations, r => r.Kind == K.SeeProfessional && r.BodyParts.Contains(part));
            }
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Same_inputs_give_the_same_queue()
    {
        Case.Sample(c =>
        {
            var a = RecoveryPlanner.Plan(c.Profile, c.Runs, c.Checkins, c.Feedback, c.AsOf);
            var b = RecoveryPlanner.Plan(c.Profile, c.Runs.Reverse(), c.Checkins, c.Feedback, c.AsOf);
            Assert.Equal(PlanJson.Write(PlanDocument.From(a)), PlanJson.Write(PlanDocument.From(b)));
        }, iter: 50, threads: 1);
    }
}
