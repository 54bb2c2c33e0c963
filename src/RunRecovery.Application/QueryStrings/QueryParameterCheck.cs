using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace RunRecovery.Application.QueryStrings;

/// <summary>
/// Endpoint metadata: query parameters an endpoint reads itself (from <c>HttpRequest.Query</c>) rather than
/// through its handler's parameters.
/// </summary>
public sealed record ExtraQueryParameters(params string[] Names);

/// <summary>
/// Before an <c>/api</c> endpoint runs: every query parameter must be one the endpoint takes (its handler's simple
/// parameters that are not route values, plus <see cref="ExtraQueryParameters"/>), given once, and readable as its
/// type. Otherwise a 400 validation problem that says what is wrong, keyed by the parameter:
/// "from: expected an ISO 8601 date-time, got 'yesterday'". Values are parsed as minimal APIs bind them
/// (invariant culture), so what passes here binds.
/// </summary>
public static class QueryParameterCheck
{
    public static IApplicationBuilder UseQueryParameterCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint
            && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
            && context.Request.Query.Count > 0
            && Problems(context.Request.Query, Accepted(endpoint, method)) is { Count: > 0 } problems)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(problems.ToDictionary(p => p.Key, p => new[] { p.Value }))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The query string is not valid for this route.",
                    Detail = string.Join("; ", problems.Values),
                },
            });
            return;
        }

        await next(context);
    });

    /// <summary>The query parameters the endpoint takes, by name (case-insensitive, as binding is), with their type.</summary>
    public static Dictionary<string, Type> Accepted(RouteEndpoint endpoint, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(method);
        HashSet<string> route = [.. endpoint.RoutePattern.Parameters.Select((RoutePatternParameterPart p) => p.Name)];
        var accepted = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterInfo parameter in method.GetParameters())
        {
            Type type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is { } name && !route.Contains(name) && IsSimple(type) && !HasOtherSource(parameter))
            {
                accepted[parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name ?? name] = type;
            }
        }

        foreach (ExtraQueryParameters extra in endpoint.Metadata.GetOrderedMetadata<ExtraQueryParameters>())
        {
            foreach (string name in extra.Names)
            {
                accepted[name] = typeof(string);
            }
        }

        return accepted;
    }

    private static Dictionary<string, string> Problems(IQueryCollection query, Dictionary<string, Type> accepted)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in query)
        {
            if (!accepted.TryGetValue(name, out Type? type))
            {
                string takes = accepted.Count == 0 ? "this route takes no query parameters" : $"this route takes {string.Join(", ", accepted.Keys.Order(StringComparer.Ordinal))}";
                problems[name] = $"{name}: not a parameter of this route; {takes}";
            }
            else if (values.Count > 1)
            {
                problems[name] = $"{name}: given {values.Count} times; give it once";
            }
            else if (Expected(type, values.ToString()) is { } expected)
            {
                problems[name] = $"{name}: expected {expected}, got '{values}'";
            }
        }

        return problems;
    }

    /// <summary>What the value should have been, or null when it reads as <paramref name="type"/>.</summary>
    private static string? Expected(Type type, string value) => type switch
    {
        _ when type == typeof(string) => null,
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "an ISO 8601 date-time",
        _ when type == typeof(DateTime) => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "an ISO 8601 date-time",
        _ when type == typeof(DateOnly) => DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "an ISO 8601 date (yyyy-mm-dd)",
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "a number",
        _ when type == typeof(bool) => bool.TryParse(value, out _) ? null : "true or false",
        _ when type == typeof(Guid) => Guid.TryParse(value, out _) ? null : "a UUID",
        _ when type.IsEnum => Enum.TryParse(type, value, ignoreCase: true, out _) ? null : $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => null,
    };

    private static bool IsSimple(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(DateTimeOffset) || type == typeof(DateTime)
        || type == typeof(DateOnly) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(decimal);

    private static bool HasOtherSource(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Any(a => a is Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata or Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata
            or Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata or Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata or Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata
            or FromKeyedServicesAttribute);
}
