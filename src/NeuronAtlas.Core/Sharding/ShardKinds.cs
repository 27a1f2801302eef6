namespace NeuronAtlas.Core.Sharding;

/// <summary>The precompute runs that can be sharded, as stored in <see cref="Catalog.Entities.PrecomputeShard.Kind"/>.</summary>
public static class ShardKinds
{
    public const string DatasetPass = "dataset-pass";
    public const string FeatureVis = "feature-vis";
    public const string TextVis = "text-vis";
}
