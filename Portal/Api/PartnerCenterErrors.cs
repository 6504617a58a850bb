using Portal.Api.Migrations;

namespace Portal.Api;

/// <summary>
/// Gives every API error, besides its ProblemDetails fields, Partner Center's two error fields: an integer
/// <c>code</c> and a <c>description</c>, which Partner Center clients read from any answer that is not 2xx (ADR-023).
/// </summary>
public static class PartnerCenterErrors
{
    public const string Code = "code";

    public const string Description = "description";

    /// <summary>
    /// <c>code</c> is the first eligibility reason's number when a request was refused as ineligible (set by the
    /// route), otherwise the HTTP status; <c>description</c> is the detail with the messages of the fields at fault.
    /// </summary>
    public static void AddCodeAndDescription(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments(ApiRegistration.Prefix))
        {
            return;
        }

        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd(Code, problem.Status ?? context.HttpContext.Response.StatusCode);
        problem.Extensions.TryAdd(Description, Describe(problem));
    }

    private static string Describe(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            parts.Add(problem.Detail);
        }
        else if (!string.IsNullOrWhiteSpace(problem.Title))
        {
            parts.Add(problem.Title);
        }

        if (problem is HttpValidationProblemDetails validation)
        {
            parts.AddRange(validation.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
        }
        else if (problem.Extensions.TryGetValue("errors", out var errors))
        {
            parts.AddRange(errors switch
            {
                IEnumerable<EligibilityError> reasons => reasons.Select(r => r.Description),
                IEnumerable<ApiError> refusals => refusals.Select(r => r.Description).Where(d => !parts.Contains(d)),
                _ => [],
            });
        }

        return string.Join(" ", parts);
    }
}
