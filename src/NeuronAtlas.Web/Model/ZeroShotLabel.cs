namespace NeuronAtlas.Web.Model;

/// <summary>A zero-shot label of an image.</summary>
/// <param name="Probability">softmax over the whole label set of logitScale × cosine.</param>
/// <param name="Cosine">cosine(image embedding, the label's prompt-ensembled text embedding).</param>
public sealed record ZeroShotLabel(string Label, float Probability, float Cosine);
