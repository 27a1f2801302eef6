namespace NeuronAtlas.Clip.ZeroShot;

/// <param name="Index">The label's position in its <see cref="LabelSet"/>.</param>
/// <param name="Probability">softmax over all labels of LogitScale x cosine.</param>
/// <param name="Cosine">cosine(image embedding, the label's ensembled text embedding).</param>
public sealed record ZeroShotPrediction(string Label, int Index, float Probability, float Cosine);
