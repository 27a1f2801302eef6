using Microsoft.AspNetCore.Http.HttpResults;

namespace NeuronAtlas.Web.Problems;

/// <summary>Turns a <see cref="RequestRejectedException"/> into the problem answer the APIs send.</summary>
public static class RejectionResults
{
    /// <param name="retryAfterSeconds">Sent as Retry-After with a 503 "busy" whose rejection names no delay of its own.</param>
    public static ProblemHttpResult ToProblem(this RequestRejectedException rejection, HttpContext context, int retryAfterSeconds)
    {
        if (rejection.RetryAfterSeconds is { } own)
            context.Response.Headers.RetryAfter = own.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (rejection.StatusCode == StatusCodes.Status503ServiceUnavailable && rejection.Title == "Busy, retry")
            context.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
        // The rest of an over-size body is not worth reading: ask the client to close the connection.
        if (rejection.StatusCode == StatusCodes.Status413PayloadTooLarge)
            context.Response.Headers.Connection = "close";
        return TypedResults.Problem(statusCode: rejection.StatusCode, title: rejection.Title, detail: rejection.Message);
    }
}
