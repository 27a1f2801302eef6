namespace NeuronAtlas.Web.Model;

/// <summary>A phrase that, drawn as an image, excites the neuron (text feature visualization), rank 0 first.</summary>
/// <param name="Score">The neuron's mean activation over the phrase's drawings.</param>
public sealed record TextExampleView(int Rank, string Text, float Score);
