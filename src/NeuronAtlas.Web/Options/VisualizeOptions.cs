namespace NeuronAtlas.Web.Options;

/// <summary>The "Visualize" section of appsettings.json: bounds on live feature visualization (/visualize, POST /api/visualize).</summary>
public sealed class VisualizeOptions
{
    public const string Section = "Visualize";

    /// <summary>Renders optimizing at once; each keeps a CPU (or the GPU) busy. Defaults to 2.</summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Renders that may wait for a free slot; beyond that a request gets "busy, retry". Defaults to 6.</summary>
    public int MaxQueued { get; set; } = 6;

    /// <summary>Longest wait in the queue before "busy, retry", in seconds. Defaults to 60.</summary>
    public int QueueTimeoutSeconds { get; set; } = 60;

    /// <summary>Longest render, from leaving the queue to the final image, in seconds; longer ones are stopped. Defaults to 120.</summary>
    public int RunTimeoutSeconds { get; set; } = 120;

    /// <summary>Most optimization steps a render may ask for. Defaults to 512.</summary>
    public int MaxSteps { get; set; } = 512;

    /// <summary>Steps when the request names none. Defaults to 256.</summary>
    public int DefaultSteps { get; set; } = 256;

    /// <summary>Smallest image side in pixels. Defaults to 32.</summary>
    public int MinImageSize { get; set; } = 32;

    /// <summary>Largest image side in pixels. Defaults to 256.</summary>
    public int MaxImageSize { get; set; } = 256;

    /// <summary>Image side when the request names none. Defaults to 128.</summary>
    public int DefaultImageSize { get; set; } = 128;

    /// <summary>The page receives an intermediate image every this many steps. Defaults to 16.</summary>
    public int ProgressImageEvery { get; set; } = 16;

    /// <summary>A model's renderer (its parsed model and cached gradient sessions) is freed after this many idle seconds. Defaults to 300.</summary>
    public int RendererIdleSeconds { get; set; } = 300;

    /// <summary>Seconds sent in Retry-After when busy. Defaults to 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Longest objective text, in characters. Defaults to 500.</summary>
    public int MaxObjectiveLength { get; set; } = 500;
}
