namespace NeuronAtlas.Web.Options;

/// <summary>The "Uploads" section of appsettings.json: limits on image lookups.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest accepted image file, in bytes. Defaults to 10 MB (10485760).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted width x height, checked from the header before decoding. Defaults to 40 megapixels.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Lookups decoding or running inference at once. Defaults to 2.</summary>
    public int MaxConcurrentInferences { get; set; } = 2;

    /// <summary>How long a lookup waits for a free slot before the server answers "busy, retry". Defaults to 2000 ms.</summary>
    public int QueueTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// Bytes of upload bodies all requests together may hold in memory, reserved from the declared Content-Length (or as
    /// a body without one is read) before buffering; beyond it the server answers 503 "busy, retry". Defaults to 64 MB.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Seconds sent in Retry-After when busy. Defaults to 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
