using System.Globalization;
using System.Text.Json;
using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Problems;

/// <summary>
/// Says what is wrong with an unreadable JSON body without System.Text.Json's own wording, which names .NET types
/// (e.g. "could not be converted to System.Int32").
/// </summary>
internal static class JsonProblem
{
    public static string Describe(JsonException error)
    {
        string where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
        string line = error.LineNumber is long number ? string.Create(CultureInfo.InvariantCulture, $" (line {number + 1}, byte {error.BytePositionInLine + 1})") : "";
        if (error.Message.StartsWith(NulFreeStringConverter.Message, StringComparison.Ordinal))
        {
            return $"{NulFreeStringConverter.Message} Found one{where}{line}.";
        }

        if (error.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON is nested too deeply{where}{line}; requests need a few levels at most.";
        }

        return $"The body is not valid JSON for this request{where}{line}: check the value's type and the syntax.";
    }
}
