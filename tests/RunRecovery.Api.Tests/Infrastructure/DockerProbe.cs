using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>Asks a Docker engine for <c>/_ping</c> with a short timeout: true only when one really answers.</summary>
internal static class DockerProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        string? dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint? endPoint = dockerHost switch
        {
            null or "" => File.Exists("/var/run/docker.sock") ? new UnixDomainSocketEndPoint("/var/run/docker.sock") : null,
            _ when dockerHost.StartsWith("unix://", StringComparison.Ordinal) => new UnixDomainSocketEndPoint(dockerHost["unix://".Length..]),
            _ when dockerHost.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(dockerHost, UriKind.Absolute, out Uri? uri) =>
                new DnsEndPoint(uri.Host, uri.Port),
            _ => null,
        };
        if (endPoint is null)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);
            byte[] buffer = new byte[64];
            int read = await socket.ReceiveAsync(buffer, timeout.Token);
            string status = Encoding.ASCII.GetString(buffer, 0, read);
            return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
