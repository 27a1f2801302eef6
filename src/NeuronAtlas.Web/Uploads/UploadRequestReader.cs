using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Reads the image of an upload request into memory: the first file of a multipart/form-data body (with the form's
/// small text fields), or a raw image body. The form is parsed by hand because ASP.NET's form reader buffers large
/// files to disk. The body's bytes are reserved from the upload memory budget before any is read, and stay reserved
/// until the request ends.
/// </summary>
public static class UploadRequestReader
{
    /// <summary>Room for multipart boundaries, part headers and text fields on top of the image size limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>Longest text field kept, in bytes; longer ones are refused.</summary>
    public const int MaxFieldBytes = 16 * 1024;

    /// <exception cref="RequestRejectedException">413 too large, 503 when the budget has no room, 400/415 unreadable bodies.</exception>
    public static async Task<ImageUpload> ReadAsync(HttpRequest request, long maxBytes, UploadMemoryBudget budget, CancellationToken ct)
    {
        long bodyLimit = maxBytes + MultipartOverhead;
        if (request.ContentLength > bodyLimit) throw RequestRejectedException.TooLarge(maxBytes);
        var reservation = budget.Open();
        request.HttpContext.Response.RegisterForDispose(reservation);
        // A body that declares no length may be as long as the limit lets it be.
        reservation.EnsureAtLeast(request.ContentLength ?? bodyLimit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = bodyLimit;
        try
        {
            return request.HasFormContentType
                ? await ReadMultipartAsync(request, maxBytes, ct)
                : await ReadRawAsync(request, maxBytes, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestRejectedException.TooLarge(maxBytes);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw RequestRejectedException.Unreadable($"The request body cannot be read: {e.Message}");
        }
    }

    private static async Task<ImageUpload> ReadRawAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var type = request.ContentType ?? "";
        if (!type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            throw RequestRejectedException.UnsupportedFormat(
                "Send the image as multipart/form-data (a file field), or as the raw body with an image/* or application/octet-stream content type.");
        return new ImageUpload(await UploadBuffer.ReadAsync(request.Body, maxBytes, ct), new Dictionary<string, string>());
    }

    private static async Task<ImageUpload> ReadMultipartAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            throw RequestRejectedException.Unreadable("The multipart/form-data body has no boundary; send the image as a multipart file field.");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes + MultipartOverhead };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? image = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                await section.Body.DrainAsync(ct);
            else if (disposition.IsFileDisposition() && image is null)
                image = await UploadBuffer.ReadAsync(section.Body, maxBytes, ct);
            else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value is { Length: > 0 } name)
                fields[name] = await ReadFieldAsync(section.Body, name, ct);
            else
                await section.Body.DrainAsync(ct); // further files are read through, bounded by the body limit, and ignored
        }
        return image is null
            ? throw RequestRejectedException.Unreadable("The form has no file field; attach the image as a file (curl -F image=@picture.jpg).")
            : new ImageUpload(image, fields);
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
                throw RequestRejectedException.Invalid($"The form field '{name}' is longer than {MaxFieldBytes / 1024} KB.");
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
