using System.Net;
using Microsoft.AspNetCore.Http;
using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.7", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:172.18.0.3", false)]
    [InlineData("2001:db8::1", false)]
    public void Loopback_setting_admits_only_loopback_addresses(string address, bool admitted) =>
        Assert.Equal(admitted, DashboardAccessFilter.Allows(DashboardAccess.Loopback, Request(IPAddress.Parse(address))));

    [Fact]
    public void A_request_without_a_remote_address_is_refused_under_loopback() =>
        Assert.False(DashboardAccessFilter.Allows(DashboardAccess.Loopback, Request(null)));

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-For", "127.0.0.1")] // what the proxy says about the client is not believed either way
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Forwarded-Host", "runrecovery.example.org")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public void A_loopback_connection_relaying_for_someone_else_is_not_loopback(string header, string value)
    {
        HttpContext context = Request(IPAddress.Loopback);
        context.Request.Headers[header] = value;

        Assert.False(DashboardAccessFilter.Allows(DashboardAccess.Loopback, context));
    }

    [Fact]
    public void Open_admits_anyone_and_off_admits_no_one()
    {
        Assert.True(DashboardAccessFilter.Allows(DashboardAccess.Open, Request(IPAddress.Parse("203.0.113.9"))));
        Assert.False(DashboardAccessFilter.Allows(DashboardAccess.Off, Request(IPAddress.Loopback)));
    }

    private static DefaultHttpContext Request(IPAddress? remote) => new() { Connection = { RemoteIpAddress = remote } };
}
