using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class StartupCommandTests
{
    [Fact]
    public void Defaults_to_serving_with_role_all_and_passes_other_arguments_to_the_host()
    {
        StartupCommand command = StartupCommand.Parse(["--urls", "http://127.0.0.1:0"]);

        Assert.Equal(StartupVerb.Serve, command.Verb);
        Assert.Equal(ServiceRole.All, command.Role);
        Assert.False(command.RoleGiven);
        Assert.Equal(["--urls", "http://127.0.0.1:0"], command.HostArguments);
    }

    [Theory]
    [InlineData(new[] { "--role", "worker" }, ServiceRole.Worker)]
    [InlineData(new[] { "--role=api" }, ServiceRole.Api)]
    [InlineData(new[] { "--role", "ALL" }, ServiceRole.All)]
    public void Reads_the_role(string[] args, ServiceRole expected)
    {
        StartupCommand command = StartupCommand.Parse(args);

        Assert.Equal(expected, command.Role);
        Assert.True(command.RoleGiven);
        Assert.Empty(command.HostArguments);
    }

    [Fact]
    public void Reads_admin_reset_key_with_the_email_as_an_api_role_command()
    {
        StartupCommand command = StartupCommand.Parse(["admin", "reset-key", "--email", " Ada@Example.org ", "--ConnectionStrings:RunRecovery=x"]);

        Assert.Equal(StartupVerb.AdminResetKey, command.Verb);
        Assert.Equal("Ada@Example.org", command.Email);
        Assert.Equal(ServiceRole.Api, command.Role); // no job server while it runs
        Assert.Equal(["--ConnectionStrings:RunRecovery=x"], command.HostArguments);
        Assert.Equal("a@b.org", StartupCommand.Parse(["admin", "reset-key", "--email=a@b.org"]).Email);
        Assert.Throws<StartupCommandException>(() => StartupCommand.Parse(["admin", "reset-key"]));
        Assert.Throws<StartupCommandException>(() => StartupCommand.Parse(["admin"]));
        Assert.Throws<StartupCommandException>(() => StartupCommand.Parse(["admin", "delete-everything", "--email", "a@b.org"]));
    }

    [Fact]
    public void Reads_the_migrate_and_script_verbs()
    {
        Assert.Equal(StartupVerb.Migrate, StartupCommand.Parse(["migrate"]).Verb);

        StartupCommand script = StartupCommand.Parse(["script", "out.sql"]);
        Assert.Equal(StartupVerb.Script, script.Verb);
        Assert.Equal("out.sql", script.ScriptPath);
    }

    [Theory]
    [InlineData("--role boss")]
    [InlineData("--role")]
    [InlineData("--role=")]
    public void Rejects_a_bad_role(string commandLine) =>
        Assert.Throws<StartupCommandException>(() => StartupCommand.Parse(commandLine.Split(' ')));
}
