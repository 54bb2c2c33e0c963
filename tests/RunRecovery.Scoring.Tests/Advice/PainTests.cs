using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Advice;

/// <summary>Issue 14, point 4: pain is never lost, and soreness is read with care. The runner is built with our encoder.</summary>
public class PainTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day10 = new(2026, 3, 12);
    private static readonly RunnerProfile Profile = new() { Sex = Sex.Female, BirthYear = 1990, TimeZone = "Europe/Berlin", Tools = [MassageTool.FoamRoller] };

    private static readonly List<Scoring.Load.ActivityLoadInput> Runs = Training.Weeks("p", Monday.AddHours(7), 4,
        (1, r => r.Flat(9, 3.0, 148)), (3, r => r.Flat(9, 3.0, 148)), (6, r => r.Flat(14, 2.9, 148)));

    private static RecoveryPlan PlanOn(DateOnly day, int hour, params SorenessCheckin[] checkins) =>
        RecoveryPlanner.Plan(Profile, Runs, new RunnerReports { Checkins = checkins }, new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero));

    [Fact]
    public void Swelling_sends_the_runner_to_a_professional_today_and_takes_the_calves_out_of_every_session()
    {
        var swelling = new SorenessCheckin(Day10, BodyPart.Calves, 3) { PainSeverity = 3, PainCharacter = PainCharacter.Aching, RedFlags = [RedFlag.Swelling] };

        var plan = PlanOn(Day10, 12, swelling);

        var see = Assert.Single(plan.Recommendations, r => r.Kind == K.SeeProfessional);
        Assert.Contains("today", see.Technique, StringComparison.Ordinal);
        Assert.Contains(see.Reasons, s => s.Contains("blood clot", StringComparison.Ordinal) && s.Contains("emergency", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Recommendations.SelectMany(r => r.Steps), x => x.BodyPart == BodyPart.Calves);
        Assert.Contains(plan.Recommendations, r => r.Kind == K.Rest && r.Trigger == RecommendationTrigger.Pain);
        Assert.DoesNotContain(plan.Recommendations, r => r.SuggestsIntensity);
    }

    [Theory]
    [InlineData(4, PainCharacter.Sharp, true)]
    [InlineData(3, PainCharacter.Sharp, false)]
    [InlineData(6, PainCharacter.Dull, false)]
    [InlineData(7, PainCharacter.Aching, true)]
    public void Sharp_pain_from_4_or_any_pain_from_7_needs_a_professional_at_once(int severity, PainCharacter character, bool refer)
    {
        var report = new SorenessCheckin(Day10, BodyPart.Shins, 2) { PainSeverity = severity, PainCharacter = character };

        var plan = PlanOn(Day10, 12, report);

        Assert.Equal(refer, plan.Recommendations.Any(r => r.Kind == K.SeeProfessional));
        Assert.DoesNotContain(plan.Recommendations.SelectMany(r => r.Steps), x => x.BodyPart == BodyPart.Shins); // pain is never massaged
        Assert.DoesNotContain(plan.Recommendations, r => r.SuggestsIntensity);
    }

    [Fact]
    public void The_flag_stays_past_seven_days_asks_after_three_and_ends_when_a_check_in_says_fine()
    {
        var sharp = new SorenessCheckin(Day10, BodyPart.Calves, 2) { PainSeverity = 5, PainCharacter = PainCharacter.Sharp };

        var day11 = PlanOn(Day10.AddDays(1), 12, sharp);
        var day13 = PlanOn(Day10.AddDays(3), 12, sharp);
        var day19 = PlanOn(Day10.AddDays(9), 12, sharp);
        var fine = PlanOn(Day10.AddDays(9), 12, sharp, new SorenessCheckin(Day10.AddDays(9), BodyPart.Calves, 1));

        var first = Assert.Single(day11.Recommendations, r => r.Kind == K.SeeProfessional);
        Assert.Null(first.Question);
        var asked = Assert.Single(day13.Recommendations, r => r.Kind == K.SeeProfessional);
        Assert.Equal("Are your calves better? A check-in with how they feel now keeps this advice right.", asked.Question);
        Assert.Equal(first.Id, asked.Id);
        Assert.Equal(first.Id, Assert.Single(day19.Recommendations, r => r.Kind == K.SeeProfessional).Id); // never lapses silently
        Assert.DoesNotContain(fine.Recommendations, r => r.Kind == K.SeeProfessional);
    }

    [Fact]
    public void High_soreness_without_pain_means_gentler_shorter_pressure_rest_and_no_intensity()
    {
        var sore = new SorenessCheckin(Day10, BodyPart.Quadriceps, 8);
        var run = Runs.Single(r => r.StartUtc.Date == new DateTime(2026, 3, 12));

        var plan = RecoveryPlanner.Plan(Profile, Runs, new RunnerReports { Checkins = [sore] }, run.EndUtc.AddHours(1));

        var session = Assert.Single(plan.Recommendations, r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));
        var quads = Assert.Single(session.Steps, x => x.BodyPart == BodyPart.Quadriceps && x.Action == StepAction.Massage);
        Assert.StartsWith("Gently: light pressure and short passes", quads.Technique, StringComparison.Ordinal);
        Assert.Contains(plan.Recommendations, r => r.Kind == K.Rest && r.Trigger == RecommendationTrigger.Soreness);
        Assert.DoesNotContain(plan.Recommendations, r => r.SuggestsIntensity);
        Assert.DoesNotContain(plan.Recommendations, r => r.Kind == K.Easy && r.DurationMinutes == 40);
    }
}
