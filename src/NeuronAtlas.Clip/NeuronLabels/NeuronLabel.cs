namespace NeuronAtlas.Clip.NeuronLabels;

/// <summary>A neuron's best concept and its cos³ similarity; Concept is null for a channel that is constant over the probes.</summary>
public sealed record NeuronLabel(int Channel, string? Concept, float Similarity, string? RunnerUp, float RunnerUpSimilarity);
