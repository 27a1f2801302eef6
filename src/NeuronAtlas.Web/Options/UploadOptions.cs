namespace NeuronAtlas.Web.Options;

/// <summary>The "Uploads" section of appsettings.json: limits on image lookups.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest accepted image file, in bytes. Defaults to 10 MB (10485760).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted width x height, checked from the header before decoding. Defaults to 40 megapixels.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Model runs at once; each run is a batch of one or more lookups of the same model. Defaults to 2.</summary>
    public int MaxConcurrentInferences { get; set; } = 2;

    /// <summary>Uploads decoded, resized and turned into model input at once, outside the inference slots. Defaults to 2.</summary>
    public int MaxConcurrentDecodes { get; set; } = 2;

    /// <summary>
    /// How long a lookup waits for a free decode slot, and then for its model run to start, before the server answers
    /// "busy, retry". Defaults to 2000 ms.
    /// </summary>
    public int QueueTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// Longest time, in milliseconds, a batch waits for more lookups of the same model once it has an inference slot.
    /// It waits only while other lookups of that model are being decoded, so a lone lookup never waits. Defaults to 5.
    /// </summary>
    public int BatchWindowMs { get; set; } = 5;

    /// <summary>Most images in one model run (a typographic attack counts two). Defaults to 8.</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>
    /// Most images of one model waiting for a model run; beyond it a lookup is refused at once as busy (503).
    /// Defaults to 16.
    /// </summary>
    public int MaxQueuedImages { get; set; } = 16;

    /// <summary>
    /// Bytes of upload bodies all requests together may hold in memory, reserved from the declared Content-Length (or as
    /// a body without one is read) before buffering; beyond it the server answers 503 "busy, retry". Defaults to 64 MB.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Seconds sent in Retry-After when busy. Defaults to 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// Models whose lookups run their int8 graph (written by <c>precompute quantize</c>) instead of the float one. The app
    /// refuses to start when a listed model has no manifest or no int8 graph. Defaults to none: on the embedded ResNet18
    /// the int8 graph's top-8 neurons differ too often from the float graph's (docs/benchmarks.md).
    /// </summary>
    public string[] Int8Models { get; set; } = [];
}
