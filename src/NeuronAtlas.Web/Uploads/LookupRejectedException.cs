namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// A lookup that cannot be served, with the HTTP status and the message the user sees:
/// 400 unreadable or truncated, 404 unknown model, 413 too large, 415 unsupported format,
/// 422 too many pixels, 503 busy.
/// </summary>
public sealed class LookupRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;

    public static LookupRejectedException Unreadable(string detail) => new(StatusCodes.Status400BadRequest, "Unreadable image", detail);
    public static LookupRejectedException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Image too large", $"The image is larger than the {FormatBytes(maxBytes)} limit.");
    public static LookupRejectedException UnsupportedFormat(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported format", detail);
    public static LookupRejectedException TooManyPixels(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "Too many pixels", detail);
    public static LookupRejectedException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "Invalid request", detail);
    public static LookupRejectedException UnknownModel(string detail) => new(StatusCodes.Status404NotFound, "Unknown model", detail);
    public static LookupRejectedException Busy() =>
        new(StatusCodes.Status503ServiceUnavailable, "Busy, retry",
            "The server is busy with other lookups. Please retry in a moment.");

    private static string FormatBytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
