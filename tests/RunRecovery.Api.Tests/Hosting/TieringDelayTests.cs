using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class TieringDelayTests
{
    [Theory]
    [InlineData(2, 100)] // the runtime's default
    [InlineData(8, 100)]
    [InlineData(1, 1000)] // one processor (a CPU quota under 1.5 CPUs): ten times longer
    public void Without_settings_the_delay_is_the_runtimes_default(int processors, double expectedMs) =>
        Assert.Equal(expectedMs, TieringDelay.Effective(_ => null, processors).TotalMilliseconds);

    [Theory]
    [InlineData("0", 1, 0)] // what the image sets: no delay, whatever the processor count
    [InlineData("0", 2, 0)]
    [InlineData("64", 2, 100)] // hexadecimal, as the runtime reads it: 0x64 = 100
    [InlineData("0x32", 1, 500)] // 50 ms, times 10 on one processor
    [InlineData("fast", 2, 100)] // unreadable: the default, as the runtime treats it
    public void The_delay_follows_DOTNET_TC_CallCountingDelayMs(string value, int processors, double expectedMs)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = value };

        Assert.Equal(expectedMs, TieringDelay.Effective(environment.GetValueOrDefault, processors).TotalMilliseconds);
    }

    [Fact]
    public void DOTNET_wins_over_COMPlus_and_the_single_processor_multiplier_can_be_set()
    {
        var environment = new Dictionary<string, string>
        {
            ["COMPlus_TC_CallCountingDelayMs"] = "0",
            ["DOTNET_TC_CallCountingDelayMs"] = "a", // 10 ms
            ["COMPlus_TC_DelaySingleProcMultiplier"] = "2",
        };

        Assert.Equal(20, TieringDelay.Effective(environment.GetValueOrDefault, 1).TotalMilliseconds);
        Assert.Equal(10, TieringDelay.Effective(environment.GetValueOrDefault, 4).TotalMilliseconds);
    }
}
