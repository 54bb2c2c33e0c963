using System.Security.Claims;

namespace RunRecovery.Application.Authentication;

/// <summary>The runner the request's API key belongs to; bind it as an endpoint parameter.</summary>
public sealed record CurrentRunner(Guid Id)
{
    public static ValueTask<CurrentRunner?> BindAsync(HttpContext context)
    {
        string? subject = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(subject, out Guid id))
        {
            // Only reachable when an endpoint asks for CurrentRunner without RequireAuthorization().
            throw new InvalidOperationException("CurrentRunner requested on an endpoint that does not require authorization.");
        }

        return ValueTask.FromResult<CurrentRunner?>(new CurrentRunner(id));
    }
}
