namespace NeuronAtlas.Onnx.IO;

/// <summary>An array read from a .npy file, as float32 values in C order.</summary>
public sealed record NpyArray(float[] Data, int[] Shape);
