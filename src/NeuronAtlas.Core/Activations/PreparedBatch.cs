namespace NeuronAtlas.Core.Activations;

/// <summary>A batch of preprocessed images ready for inference. Failed[i] marks images that could not be prepared.</summary>
public sealed record PreparedBatch(int FirstImage, int Count, float[] Tensor, bool[] Failed);
