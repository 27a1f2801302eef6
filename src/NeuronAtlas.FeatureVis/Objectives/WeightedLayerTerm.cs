namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>A term and the factor it enters a <see cref="LayerObjective"/> with.</summary>
public readonly record struct WeightedLayerTerm(float Weight, LayerTerm Term);
