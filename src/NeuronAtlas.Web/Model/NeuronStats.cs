namespace NeuronAtlas.Web.Model;

/// <summary>Statistics over the dataset of the neuron's mean-over-positions activation.</summary>
/// <param name="ActiveFraction">Share of images on which that activation is above zero.</param>
public sealed record NeuronStats(float Mean, float Std, float Max, float ActiveFraction);
