using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Portal.Api;

/// <summary>
/// Reads a JSON body itself rather than through parameter binding, so that malformed JSON or a value of the wrong
/// type answers a ProblemDetails naming the field (binding would throw in Development and answer an empty 400 otherwise).
/// </summary>
public static class ApiJson
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: 415,
                title: "Unsupported media type",
                detail: "Send the body as JSON with 'Content-Type: application/json'.",
                type: ApiProblems.TypeFor(415)));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, ApiProblems.BadBody("The body is empty or null; send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at '{e.Path.TrimStart('$', '.')}'";
            var why = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"The value{where} has the wrong type or format."
                : $"The body is not valid JSON{where}.";
            return (null, ApiProblems.BadBody($"{why} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})"));
        }
    }
}
