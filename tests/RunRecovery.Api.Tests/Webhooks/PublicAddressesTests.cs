using System.Net;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Webhooks;

/// <summary>
/// The webhook address rules against the IANA special-purpose registries and the IPv6 forms that embed an IPv4
/// address (issue 19 point 7: 192.0.2.0/24, ::7f00:1, NAT64 and 6to4 were accepted). Sources in PublicAddresses.
/// </summary>
public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.20.30.40")]
    [InlineData("100.64.0.1")]        // carrier-grade NAT
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")]   // cloud metadata
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]         // IETF protocol assignments
    [InlineData("192.0.0.170")]       // NAT64 discovery
    [InlineData("192.0.2.1")]         // TEST-NET-1, the example
    [InlineData("192.88.99.1")]       // 6to4 relay anycast
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]        // benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]      // TEST-NET-2
    [InlineData("203.0.113.9")]       // TEST-NET-3
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::7f00:1")]          // IPv4-compatible ::127.0.0.1, the example
    [InlineData("::808:808")]         // IPv4-compatible, even of a public address: deprecated, no route
    [InlineData("::ffff:127.0.0.1")]  // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("::ffff:0:7f00:1")]   // IPv4-translated (SIIT)
    [InlineData("64:ff9b::7f00:1")]   // NAT64 to 127.0.0.1
    [InlineData("64:ff9b::a00:1")]    // NAT64 to 10.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 to 169.254.169.254
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64
    [InlineData("2002:7f00:1::1")]    // 6to4 via 127.0.0.1
    [InlineData("2002:c0a8:101::1")]  // 6to4 via 192.168.1.1
    [InlineData("2002:a9fe:a9fe::")]  // 6to4 via 169.254.169.254
    [InlineData("2001::1")]           // Teredo
    [InlineData("2001:2::1")]         // benchmarking
    [InlineData("2001:20::1")]        // ORCHIDv2
    [InlineData("2001:db8::1")]       // documentation
    [InlineData("3fff::1")]           // documentation (RFC 9637)
    [InlineData("100::1")]            // discard-only
    [InlineData("5f00::1")]           // SRv6 SIDs
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    public void Refuses_addresses_that_are_not_globally_reachable(string address)
    {
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));
        Assert.NotNull(PublicAddresses.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("100.63.255.255")]    // just below carrier-grade NAT
    [InlineData("100.128.0.0")]       // just above
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.255")]
    [InlineData("192.0.3.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]    // IPv4-mapped public
    [InlineData("64:ff9b::808:808")]  // NAT64 to 8.8.8.8: how an IPv6-only network reaches an IPv4 receiver
    [InlineData("2002:808:808::1")]   // 6to4 via 8.8.8.8
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("2001:200::1")]       // just past the IETF protocol assignments block
    public void Accepts_globally_reachable_addresses(string address) =>
        Assert.Null(PublicAddresses.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://192.0.2.10/hook")]
    [InlineData("https://[::7f00:1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[64:ff9b::7f00:1]/hook")]
    [InlineData("https://[2002:a00:1::1]/hook")]
    [InlineData("https://2130706433/hook")]   // 127.0.0.1 as one number
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://017700000001/hook")] // octal
    [InlineData("https://[fe80::1%25eth0]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public async Task Refuses_webhook_urls_whose_literal_address_is_special_in_any_spelling(string url) =>
        Assert.NotNull(await WebhookUrlRules.CheckAsync(url, new WebhookOptions(), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Accepts_a_public_literal_address() =>
        Assert.Null(await WebhookUrlRules.CheckAsync("https://93.184.215.14/hook", new WebhookOptions(), TestContext.Current.CancellationToken));
}
