namespace NeuronAtlas.Core.Inference;

/// <summary>Which of a model's graphs runs: its own float one, or the int8 one written by <c>precompute quantize</c>.</summary>
public enum ModelPrecision { Float32, Int8 }
