using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class ThreadPoolSpinningTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public void With_more_than_one_processor_nothing_is_set(int processors) =>
        Assert.False(ThreadPoolSpinning.TurnOffOnOneProcessor(processors, _ => null));

    [Fact]
    public void An_explicit_environment_setting_wins_on_one_processor()
    {
        Assert.False(ThreadPoolSpinning.TurnOffOnOneProcessor(1, name => name == ThreadPoolSpinning.Variable ? "35" : null));
        Assert.Equal("35", ThreadPoolSpinning.Describe(name => name == ThreadPoolSpinning.Variable ? "35" : null));
    }
}
