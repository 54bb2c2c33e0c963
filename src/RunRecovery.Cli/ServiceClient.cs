using System.Net.Http.Headers;

namespace RunRecovery.Cli;

/// <summary>What the commands that talk to the service (upload, club-import) check first and the client they share.</summary>
public static class ServiceClient
{
    /// <summary>
    /// Checks the key and the server URL, writing the usage error as "runrecovery <paramref name="command"/>: …";
    /// null when either is wrong, otherwise a client for the server that sends the key as a bearer token.
    /// </summary>
    public static async Task<HttpClient?> OpenAsync(string command, string serverText, string? key, TimeSpan timeout, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(key))
        {
            await error.WriteLineAsync($"runrecovery {command}: give --key rr_… (or set RUNRECOVERY_KEY)");
            return null;
        }

        if (!Uri.TryCreate(serverText, UriKind.Absolute, out Uri? server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"runrecovery {command}: --server must be an http(s) URL, got '{serverText}'");
            return null;
        }

        var http = new HttpClient { BaseAddress = server, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
