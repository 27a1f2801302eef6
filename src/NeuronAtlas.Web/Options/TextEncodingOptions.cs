namespace NeuronAtlas.Web.Options;

/// <summary>
/// The "TextEncoding" section of appsettings.json: the bound on CLIP text-encoder work (search queries, typed
/// zero-shot label lists, text objectives, typographic labels), separate from the image-inference slots.
/// </summary>
public sealed class TextEncodingOptions
{
    public const string Section = "TextEncoding";

    /// <summary>Requests running the text encoder at once. Defaults to 2.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Requests waiting for a turn; beyond them the server answers 503 "busy, retry". Defaults to 16.</summary>
    public int MaxQueued { get; set; } = 16;

    /// <summary>How long a request waits for a turn before 503. Defaults to 5000 ms.</summary>
    public int QueueTimeoutMs { get; set; } = 5000;

    /// <summary>Seconds sent in Retry-After when busy. Defaults to 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
