namespace NeuronAtlas.Web.Model;

/// <summary>One of a neuron's diversity facets: an image optimized for the neuron while differing from its siblings.</summary>
/// <param name="Facet">0-based facet number.</param>
/// <param name="Activation">The neuron's channel-mean activation on this image.</param>
public sealed record FeatureVisFacetView(int Facet, string Url, float Activation);
