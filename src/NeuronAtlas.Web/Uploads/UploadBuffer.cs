using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Uploads;

/// <summary>Reads an upload into memory, never to disk, stopping as soon as it passes the size limit.</summary>
public static class UploadBuffer
{
    public static async Task<byte[]> ReadAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw RequestRejectedException.TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw RequestRejectedException.Unreadable("The upload is empty (0 bytes).");
        return buffer.ToArray();
    }
}
