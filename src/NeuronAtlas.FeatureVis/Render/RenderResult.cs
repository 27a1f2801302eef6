namespace NeuronAtlas.FeatureVis.Render;

/// <summary>
/// The optimized images at <see cref="RenderOptions.ImageSize"/>, and the objective evaluated on the final images
/// resized to the model input without random transforms: per item, from the layers' own tensors (after their ReLU;
/// null when the objective has no per-item terms, such as diversity alone), and the optimized graph's total.
/// </summary>
public sealed record RenderResult(IReadOnlyList<FeatureImage> Images, float[]? Objective, float Total, int Steps, TimeSpan Elapsed, RenderTimings Timings)
{
    /// <summary>The per-item objective, measured the same way, on the starting images.</summary>
    public float[]? InitialObjective { get; init; }
}
