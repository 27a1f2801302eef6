namespace NeuronAtlas.Core.Activations;

/// <summary>A batch of preprocessed images ready for inference. Failed[i] marks images that could not be decoded.</summary>
internal sealed record PreparedBatch(int FirstImage, int Count, float[] Tensor, bool[] Failed);
