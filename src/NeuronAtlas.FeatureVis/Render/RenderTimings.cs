namespace NeuronAtlas.FeatureVis.Render;

/// <summary>Where a render's time went, summed over its steps.</summary>
public sealed record RenderTimings(TimeSpan Parameterization, TimeSpan Transforms, TimeSpan Model, TimeSpan Update)
{
    public TimeSpan Total => Parameterization + Transforms + Model + Update;

    /// <summary>The share of the parameterization and transforms (forward and adjoint) in the total.</summary>
    public double ImagePipelineShare => Total > TimeSpan.Zero ? (Parameterization + Transforms) / Total : 0;
}
