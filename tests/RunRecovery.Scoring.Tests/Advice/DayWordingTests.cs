using System.Text.RegularExpressions;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;
using K = RunRecovery.Scoring.Recommendations.RecommendationKind;

namespace RunRecovery.Scoring.Tests.Advice;

/// <summary>
/// Issue 16: a card due tomorrow said "fits today". Texts are stored with the item and shown until the next re-plan,
/// so they name the item's own day: "today" for the plan's today only, the weekday for later days.
/// </summary>
public partial class DayWordingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Thursday = new(2026, 3, 12);
    private static readonly RunnerProfile Profile = new() { Sex = Sex.Female, BirthYear = 1990, TimeZone = "Europe/Berlin", Tools = [MassageTool.FoamRoller] };

    private static readonly List<Scoring.Load.ActivityLoadInput> Runs = Training.Weeks("w", Monday.AddHours(7), 4,
        (1, r => r.Flat(9, 3.0, 148)), (3, r => r.Flat(9, 3.0, 148)), (6, r => r.Flat(14, 2.9, 148)));

    [Theory]
    [InlineData(2026, 3, 12, "today")]
    [InlineData(2026, 3, 13, "on Friday")]
    [InlineData(2026, 3, 15, "on Sunday")]
    public void Names_the_plan_s_today_as_today_and_later_days_by_their_weekday(int year, int month, int day, string expected) =>
        Assert.Equal(expected, DayWords.On(new DateOnly(year, month, day), Thursday));

    [Fact]
    public void Tomorrow_s_rest_for_high_soreness_names_its_own_day_not_today()
    {
        var sore = new SorenessCheckin(Thursday, BodyPart.Quadriceps, 8);

        var plan = RecoveryPlanner.Plan(Profile, Runs, new RunnerReports { Checkins = [sore] }, new DateTimeOffset(Thursday.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

        var today = Assert.Single(plan.Recommendations, r => r.Kind == K.Rest && r.Day == Thursday);
        var tomorrow = Assert.Single(plan.Recommendations, r => r.Kind == K.Rest && r.Day == Thursday.AddDays(1));
        Assert.StartsWith("Rest from running today;", today.Technique, StringComparison.Ordinal);
        Assert.StartsWith("Rest from running on Friday;", tomorrow.Technique, StringComparison.Ordinal);
    }

    /// <summary>The whole class: in every plan of the six-week sweep (five runner types, every 6 hours), no item due
    /// after the plan's today says "today"; later days' quality, rest and follow-up sessions are among those seen.</summary>
    [Fact]
    public void No_item_due_on_a_later_day_says_today()
    {
        var later = new List<Recommendation>();
        foreach (var runner in SweepRunner.All)
        {
            var zone = LocalTime.Zone(runner.Profile);
            var history = LoadHistory.Build(runner.Profile, runner.Runs);
            for (int step = 0; step < 6 * 7 * 4; step++)
            {
                var asOf = LocalTime.ToUtc(SweepRunner.FirstDay.AddDays(step / 4), new TimeOnly(step % 4 * 6, 0), zone).AddMinutes(30);
                DateOnly today = LocalTime.Date(asOf, zone);
                var plan = RecoveryPlanner.Plan(history, AdviceSweepTests.Known(runner, asOf, zone), asOf);
                foreach (var item in plan.Recommendations.Where(r => (r.Day ?? LocalTime.Date(r.DueUtc, zone)) > today))
                {
                    later.Add(item);
                    string text = string.Join(" | ", [item.Technique, .. item.Reasons, item.Question]);
                    Assert.False(TodayWord().IsMatch(text), $"{runner.Name} at {asOf:yyyy-MM-dd HH:mm}Z: {item.Id} is for a later day but says: {text}");
                }
            }
        }

        Assert.Contains(later, r => r.Kind == K.Quality);
        Assert.Contains(later, r => r.Kind == K.Rest);
        Assert.Contains(later, r => r.Trigger == RecommendationTrigger.FollowUp);
    }

    [GeneratedRegex(@"\btoday\b", RegexOptions.IgnoreCase)]
    private static partial Regex TodayWord();
}
