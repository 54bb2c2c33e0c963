using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Recommendations;

public class RecommendationEngineTests
{
    private static readonly DateTimeOffset Day = new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero);

    private static RecoveryPlan PlanAfter(RunnerProfile profile, SyntheticRun run, double hoursAfterEnd = 0.5,
        IReadOnlyList<SorenessCheckin>? checkins = null, IReadOnlyList<RecommendationFeedback>? feedback = null)
    {
        var activity = run.Build();
        return RecoveryPlanner.Plan(profile, [activity], checkins ?? [], feedback ?? [], activity.EndUtc.AddHours(hoursAfterEnd));
    }

    // Split by largest remainder (docs §7.1 example): 8 min over loads 10, 8, 6, 6, 4 → exact 2.35, 1.88, 1.41, 1.41, 0.94.
    [Theory]
    [InlineData(8, new double[] { 10, 8, 6, 6, 4 }, new[] { 2, 2, 2, 1, 1 })]
    [InlineData(5, new double[] { 1 }, new[] { 5 })]
    [InlineData(5, new double[] { 100, 1 }, new[] { 5, 1 })]
    public void Massage_minutes_are_split_by_load(int total, double[] weights, int[] expected)
    {
        Assert.Equal(expected, MassageRules.Split(total, weights));
    }

    [Fact]
    public void Post_run_massage_is_due_30_minutes_after_the_run()
    {
        var profile = new RunnerProfile { TimeZone = "Europe/Berlin", WeeklyDistanceKm = 30 };
        var run = new SyntheticRun("r", Day.AddHours(8)).Flat(10, 3.0); // 10:00–10:55 Berlin (UTC+2)

        var plan = PlanAfter(profile, run);

        var massage = Assert.Single(plan.Recommendations, r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));
        Assert.Equal(plan.Activities[0].EndUtc.AddMinutes(30), massage.DueUtc);
    }

    [Fact]
    public void Late_runs_move_massage_to_the_next_morning_in_the_runner_time_zone()
    {
        // Ends 21:55 in Los Angeles (04:55 UTC next day); bed 22:00 → latest due 21:30 → next day 07:00 local = 14:00 UTC.
        var profile = new RunnerProfile { TimeZone = "America/Los_Angeles", WeeklyDistanceKm = 30 };
        var run = new SyntheticRun("late", Day.AddHours(28)).Flat(10, 3.0);

        var plan = PlanAfter(profile, run);

        var massage = plan.Recommendations.First(r => r.Kind == K.Massage);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 14, 0, 0, TimeSpan.Zero), massage.DueUtc);
    }

    [Fact]
    public void A_plan_made_at_any_time_of_day_advises_the_rest_of_today_and_keeps_it()
    {
        // Berlin, a hard 10 km ending 20:55 local; planned at 00:30, at 10:00 and at 18:00 local the next day (issue 14:
        // before, a plan made after wake-up only advised from tomorrow, so today's advice vanished).
        var profile = new RunnerProfile { TimeZone = "Europe/Berlin", WeeklyDistanceKm = 20 };
        var run = new SyntheticRun("n", Day.AddHours(18)).Flat(14, 3.4, 175).Build();
        var night = RecoveryPlanner.Plan(profile, [run], [], [], Day.AddHours(22.5));
        var morning = RecoveryPlanner.Plan(profile, [run], [], [], Day.AddHours(32));
        var evening = RecoveryPlanner.Plan(profile, [run], [], [], Day.AddHours(40));

        var today = new DateOnly(2026, 6, 11);
        string Advice(RecoveryPlan plan) => System.Text.Json.JsonSerializer.Serialize(
            PlanDocumentRecommendation.From(Assert.Single(plan.Recommendations, r => r.Day == today && r.Kind is K.Rest or K.Easy)), PlanJson.Options);
        Assert.Equal(Advice(night), Advice(morning));
        Assert.Equal(Advice(night), Advice(evening));
    }

    [Fact]
    public void A_morning_check_in_shapes_today_and_only_today()
    {
        var (profile, runs) = SteadyRunner();
        var asOf = Day.AddDays(1).AddHours(9); // Thursday 11 June, 09:00 UTC
        var today = new DateOnly(2026, 6, 11);
        var plain = RecoveryPlanner.Plan(profile, runs, RunnerReports.None, asOf);
        var poorSleep = RecoveryPlanner.Plan(profile, runs, new RunnerReports { Mornings = [new MorningCheckin(today, OverallSoreness: 2, SleepQuality: 1)] }, asOf);
        var verySore = RecoveryPlanner.Plan(profile, runs, new RunnerReports { Mornings = [new MorningCheckin(today, OverallSoreness: 8)] }, asOf);

        Assert.Contains(plain.Recommendations, r => r.Day == today && r.Kind == K.Quality); // the control: Thursday is a quality day
        var easy = Assert.Single(poorSleep.Recommendations, r => r.Day == today);
        Assert.Equal(K.Easy, easy.Kind);
        Assert.Equal(RecommendationTrigger.MorningCheckin, easy.Trigger);
        Assert.Contains(easy.Reasons, s => s.Contains("sleep 1/5", StringComparison.Ordinal));
        Assert.Equal(K.Rest, Assert.Single(verySore.Recommendations, r => r.Day == today).Kind);
        Assert.DoesNotContain(verySore.Recommendations, r => r.SuggestsIntensity);
    }

    [Fact]
    public void An_elevated_resting_heart_rate_keeps_the_day_easy()
    {
        var (profile, runs) = SteadyRunner();
        var asOf = Day.AddDays(1).AddHours(9);
        var today = new DateOnly(2026, 6, 11);
        MorningCheckin[] usual = [.. Enumerable.Range(1, 5).Select(i => new MorningCheckin(today.AddDays(-i), RestingHeartRateBpm: 50))];

        var normal = RecoveryPlanner.Plan(profile, runs, new RunnerReports { Mornings = [.. usual, new MorningCheckin(today, RestingHeartRateBpm: 53)] }, asOf);
        var raised = RecoveryPlanner.Plan(profile, runs, new RunnerReports { Mornings = [.. usual, new MorningCheckin(today, RestingHeartRateBpm: 58)] }, asOf);

        Assert.Equal(K.Quality, Assert.Single(normal.Recommendations, r => r.Day == today).Kind);
        var easy = Assert.Single(raised.Recommendations, r => r.Day == today);
        Assert.Equal(K.Easy, easy.Kind);
        Assert.Contains(easy.Reasons, s => s.Contains("58 bpm, 8 above your usual 50", StringComparison.Ordinal));
    }

    /// <summary>Six weeks of the same week (Tue 8 km, Thu 8 km, Sat 6 km, Sun 14 km long), ending Sunday 7 June.</summary>
    private static (RunnerProfile Profile, List<Scoring.Load.ActivityLoadInput> Runs) SteadyRunner()
    {
        var monday = new DateTimeOffset(2026, 4, 27, 0, 0, 0, TimeSpan.Zero);
        var runs = Training.Weeks("steady", monday, 6,
            (1, r => r.Flat(8, 3.0, 145)), (3, r => r.Flat(8, 3.0, 145)), (5, r => r.Flat(6, 3.0, 145)), (6, r => r.Flat(14, 2.9, 148)));
        return (new RunnerProfile { Sex = Sex.Female, BirthYear = 1988, RestingHeartRateBpm = 50 }, [.. runs.Select(r => r with { StartUtc = r.StartUtc.AddHours(7) })]);
    }

    [Fact]
    public void A_preferred_window_starting_within_two_hours_is_used()
    {
        // Ends 17:55 local (Berlin); +30 min = 18:25; window 19:00–21:00 starts within 2 h → due 19:00 local = 17:00 UTC.
        var profile = new RunnerProfile { TimeZone = "Europe/Berlin", WeeklyDistanceKm = 30, MassageWindow = new TimeWindow(new TimeOnly(19, 0), new TimeOnly(21, 0)) };
        var run = new SyntheticRun("w", Day.AddHours(15)).Flat(10, 3.0);

        var plan = PlanAfter(profile, run);

        Assert.Equal(Day.AddHours(17), Assert.Single(plan.Recommendations, r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal)).DueUtc);
    }

    [Fact]
    public void Short_easy_runs_get_no_massage()
    {
        var plan = PlanAfter(new RunnerProfile { WeeklyDistanceKm = 40 }, new SyntheticRun("s", Day.AddHours(8)).Flat(4, 3.0));

        Assert.DoesNotContain(plan.Recommendations, r => r.Kind is K.Massage);
    }

    [Fact]
    public void No_massage_gun_within_12_hours_before_a_hard_session()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40, Tools = [MassageTool.MassageGun] };
        var activity = new SyntheticRun("g", Day.AddHours(8)).Flat(10, 3.0).Build();
        var history = LoadHistory.Build(profile, [activity]);
        DateTimeOffset asOf = activity.EndUtc.AddHours(0.5);
        var context = new RecommendationContext
        {
            Profile = profile,
            Zone = TimeZoneInfo.Utc,
            AsOfUtc = asOf,
            Today = DateOnly.FromDateTime(asOf.UtcDateTime),
            Activities = history.Activities,
            Days = history.Days,
            Checkins = [],
            Flagged = SafetyRules.Flagged([], DateOnly.FromDateTime(asOf.UtcDateTime)),
            Feedback = FeedbackRules.From([], [], asOf, DateOnly.FromDateTime(asOf.UtcDateTime)),
        };
        DateTimeOffset due = activity.EndUtc.AddMinutes(30);

        var soon = MassageRules.For(context, [due.AddHours(10)]).Single(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));
        var later = MassageRules.For(context, [due.AddHours(14)]).Single(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));

        Assert.Equal(ToolName.Hands, soon.Steps.Single(x => x.BodyPart == BodyPart.Quadriceps && x.Action == StepAction.Massage).Tool);
        Assert.Contains(soon.Reasons, s => s.Contains("No massage gun", StringComparison.Ordinal));
        Assert.Equal(ToolName.MassageGun, later.Steps.Single(x => x.BodyPart == BodyPart.Quadriceps && x.Action == StepAction.Massage).Tool);
    }

    [Fact]
    public void A_pain_flag_on_one_day_is_enough_to_see_a_professional()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40, TimeZone = "Europe/Berlin" };
        var run = new SyntheticRun("p", Day.AddHours(8)).Flat(12, 3.0);
        var today = new DateOnly(2026, 6, 10);

        var plan = PlanAfter(profile, run, checkins: [new(today, BodyPart.Shins, 4, Pain: true)]);

        var see = Assert.Single(plan.Recommendations, r => r.Kind == K.SeeProfessional);
        Assert.Equal([BodyPart.Shins], see.BodyParts);
        Assert.Equal(100, see.Priority);
        Assert.DoesNotContain(plan.Recommendations, r => r.Kind is K.Massage && r.BodyParts.Contains(BodyPart.Shins));
        Assert.Contains(plan.Recommendations, r => r.Kind == K.Rest);
        Assert.DoesNotContain(plan.Recommendations, r => r.Kind is K.Quality or K.Easy);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, false)]        // only two days at 7+
    [InlineData(new[] { 0, 2, 6 }, true)]      // three days within 7
    [InlineData(new[] { 0, 3, 8 }, false)]     // the third is outside the 7-day window
    public void Persistent_soreness_needs_three_days_at_seven_or_more_within_a_week(int[] daysAgo, bool flagged)
    {
        var today = new DateOnly(2026, 6, 10);
        var checkins = daysAgo.Select(d => new SorenessCheckin(today.AddDays(-d), BodyPart.Hamstrings, 7)).ToList();

        Assert.Equal(flagged, SafetyRules.Flagged(checkins, today).ContainsKey(BodyPart.Hamstrings));
    }

    [Fact]
    public void High_soreness_blocks_a_quality_session()
    {
        var (profile, runs) = SteadyRunner();
        var asOf = Day.AddDays(1).AddHours(9);
        var today = new DateOnly(2026, 6, 11);

        var calm = RecoveryPlanner.Plan(profile, runs, [], [], asOf);
        var sore = RecoveryPlanner.Plan(profile, runs, [new(today, BodyPart.Quadriceps, 6)], [], asOf);

        Assert.Contains(calm.Recommendations, r => r.Kind == K.Quality); // the control: without soreness, quality is offered
        Assert.DoesNotContain(sore.Recommendations, r => r.Kind == K.Quality);
        Assert.Contains(sore.Recommendations, r => r.Kind == K.Easy && r.Reasons[0].Contains("6/10", StringComparison.Ordinal));
    }

    [Fact]
    public void Electrolytes_only_after_more_than_90_minutes_and_weight_gives_millilitres()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40, WeightKg = 60 };

        var hour = PlanAfter(profile, new SyntheticRun("h", Day.AddHours(8)).Flat(11, 3.0));
        var long_ = PlanAfter(profile, new SyntheticRun("l", Day.AddHours(8)).Flat(18, 3.0));

        Assert.DoesNotContain(hour.Recommendations, r => r.Tool == ToolName.Electrolytes);
        Assert.Contains(long_.Recommendations, r => r.Tool == ToolName.Electrolytes);
        // ACSM 5–7 mL/kg: 300–420 mL for 60 kg.
        Assert.Contains(hour.Recommendations, r => r.Kind == K.Hydration && r.Technique!.Contains("300–420 mL", StringComparison.Ordinal));
    }

    [Fact]
    public void Recurring_soreness_gets_more_massage_time_and_says_why()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40 };
        var run = new SyntheticRun("e", Day.AddHours(8)).Flat(12, 3.0);
        var today = new DateOnly(2026, 6, 10);
        SorenessCheckin[] hamstrings = [new(today.AddDays(-5), BodyPart.Hamstrings, 4), new(today.AddDays(-2), BodyPart.Hamstrings, 5)];

        var plainSession = PlanAfter(profile, run).Recommendations.Single(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));
        var emphasisedSession = PlanAfter(profile, run, checkins: hamstrings).Recommendations.Single(r => r.Id.StartsWith("massage:post:", StringComparison.Ordinal));
        var plain = plainSession.Steps.Single(x => x.Action == StepAction.Massage && x.BodyPart == BodyPart.Hamstrings);
        var emphasised = emphasisedSession.Steps.Single(x => x.Action == StepAction.Massage && x.BodyPart == BodyPart.Hamstrings);

        Assert.True(emphasised.Minutes > plain.Minutes, $"{plain.Minutes} → {emphasised.Minutes}");
        Assert.Contains(emphasisedSession.Reasons, s => s.Contains("extra time", StringComparison.Ordinal));
    }

    [Fact]
    public void Always_dismissed_stretching_is_no_longer_suggested()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 40 };
        var run = new SyntheticRun("d", Day.AddHours(8)).Flat(12, 3.0);
        var dismissed = Enumerable.Range(1, 3).Select(i => new RecommendationFeedback(Day.AddDays(-i), K.Stretch, FeedbackOutcome.Dismissed)).ToList();
        var mixed = dismissed.Append(new RecommendationFeedback(Day.AddHours(-1), K.Stretch, FeedbackOutcome.Done)).ToList();

        Assert.DoesNotContain(PlanAfter(profile, run, feedback: dismissed).Recommendations.SelectMany(r => r.Steps), x => x.Action == StepAction.Stretch);
        Assert.Contains(PlanAfter(profile, run, feedback: mixed).Recommendations.SelectMany(r => r.Steps), x => x.Action == StepAction.Stretch);
    }
}
