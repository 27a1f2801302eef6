namespace NeuronAtlas.FeatureVis.Catalog;

/// <summary>How many neurons still needed work, how many images were rendered, and how long it took.</summary>
public sealed record FeatureVisJobResult(int Neurons, int Images, TimeSpan Elapsed);
