using System.Net;
using System.Net.Sockets;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Webhooks;

/// <summary>The webhook client refuses to connect to non-public addresses at connect time (DNS rebinding), unless allowed.</summary>
public sealed class WebhookConnectionTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Refuses_to_connect_to_loopback_even_when_the_saved_url_looked_public(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(WebhookConnections.CreateHandler(new WebhookOptions()));

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://{host}:{port}/hook", new StringContent("{}"), TestContext.Current.CancellationToken));

        Assert.Contains("no public address", error.ToString(), StringComparison.Ordinal);
        Assert.False(listener.Pending()); // nothing ever connected
    }

    [Fact]
    public async Task Connects_to_loopback_when_private_addresses_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(WebhookConnections.CreateHandler(new WebhookOptions { AllowPrivateAddresses = true }));

        Task<HttpResponseMessage> post = client.PostAsync($"http://127.0.0.1:{port}/hook", new StringContent("{}"), TestContext.Current.CancellationToken);
        using TcpClient accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        await accepted.GetStream().WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);

        using HttpResponseMessage response = await post;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
