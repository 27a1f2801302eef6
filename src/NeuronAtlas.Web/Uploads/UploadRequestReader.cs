using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Reads the image of a lookup request into memory: the first file of a multipart/form-data body, or a raw
/// image body. The form is parsed by hand because ASP.NET's form reader buffers large files to disk.
/// </summary>
public static class UploadRequestReader
{
    /// <summary>Room for multipart boundaries and part headers on top of the image size limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static async Task<byte[]> ReadImageAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        long bodyLimit = maxBytes + MultipartOverhead;
        if (request.ContentLength > bodyLimit) throw LookupRejectedException.TooLarge(maxBytes);
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
            throw LookupRejectedException.TooLarge(maxBytes);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw LookupRejectedException.Unreadable($"The request body cannot be read: {e.Message}");
        }
    }

    private static Task<byte[]> ReadRawAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var type = request.ContentType ?? "";
        if (!type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            throw LookupRejectedException.UnsupportedFormat(
                "Send the image as multipart/form-data (a file field), or as the raw body with an image/* or application/octet-stream content type.");
        return UploadBuffer.ReadAsync(request.Body, maxBytes, ct);
    }

    private static async Task<byte[]> ReadMultipartAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            throw LookupRejectedException.Unreadable("The multipart/form-data body has no boundary; send the image as a multipart file field.");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes + MultipartOverhead };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition())
                return await UploadBuffer.ReadAsync(section.Body, maxBytes, ct);
            // Other fields are read through (bounded by the body limit) and ignored.
            await section.Body.DrainAsync(ct);
        }
        throw LookupRejectedException.Unreadable("The form has no file field; attach the image as a file (curl -F image=@picture.jpg).");
    }
}
