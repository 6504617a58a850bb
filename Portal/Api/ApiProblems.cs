using System.Text.Json.Serialization;

namespace Portal.Api;

/// <summary>One of Partner Center's <c>errors</c> entries: a code and a description, and the field when one is at fault.</summary>
public sealed record ApiError(
    string Code,
    string Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null);

/// <summary>Every error of the API is a ProblemDetails (RFC 9457); these make the common ones.</summary>
public static class ApiProblems
{
    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15",
    };

    /// <summary>404: a missing id and another partner's id answer exactly the same.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"No {what} with this id for your organization.", type: TypeFor(404));

    /// <summary>400 with the fields at fault, keyed by their JSON names.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid", detail: "Correct the fields named in 'errors' and send it again.", type: TypeFor(400));

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 carrying Partner Center's <c>errors</c> array (code, description), e.g. an ineligible migration.</summary>
    public static IResult Refused(string title, string detail, IReadOnlyList<ApiError> errors, int status = 400) =>
        Results.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            type: TypeFor(status),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult BadBody(string detail) =>
        Results.Problem(statusCode: 400, title: "The request body cannot be read", detail: detail, type: TypeFor(400));
}
