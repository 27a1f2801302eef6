namespace NeuronAtlas.Web.Problems;

/// <summary>
/// A request that cannot be served (a lookup, search, visualization or typographic attack), with the HTTP status and
/// the message the user sees: 400 invalid or unreadable, 404 unknown model, 413 too large, 415 unsupported format,
/// 422 too many pixels, 429 too many requests from one client, 503 busy.
/// </summary>
public sealed class RequestRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;

    /// <summary>Seconds to send in Retry-After; null leaves it to the endpoint (see <see cref="RejectionResults"/>).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static RequestRejectedException Unreadable(string detail) => new(StatusCodes.Status400BadRequest, "Unreadable image", detail);
    public static RequestRejectedException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Image too large", $"The image is larger than the {FormatBytes(maxBytes)} limit.");
    public static RequestRejectedException UnsupportedFormat(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported format", detail);
    public static RequestRejectedException TooManyPixels(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "Too many pixels", detail);
    public static RequestRejectedException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "Invalid request", detail);
    public static RequestRejectedException UnknownModel(string detail) => new(StatusCodes.Status404NotFound, "Unknown model", detail);
    public static RequestRejectedException Busy(string what = "lookups", int? retryAfterSeconds = null) =>
        new(StatusCodes.Status503ServiceUnavailable, "Busy, retry",
            $"The server is busy with other {what}. Please retry in a moment.") { RetryAfterSeconds = retryAfterSeconds };
    public static RequestRejectedException TooManyRequests(int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests from your address; retry in {retryAfterSeconds} s.") { RetryAfterSeconds = retryAfterSeconds };

    private static string FormatBytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
