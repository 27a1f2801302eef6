namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>A term and the factor it enters the objective with.</summary>
public readonly record struct WeightedTerm(float Weight, ObjectiveTerm Term);
