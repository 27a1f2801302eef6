namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>Where a channel objective reads an [N, C, spatial...] activation.</summary>
public enum SpatialReadout
{
    /// <summary>The mean over all positions.</summary>
    Mean,

    /// <summary>The centre position only (index size / 2 along each spatial axis).</summary>
    Centre,
}
