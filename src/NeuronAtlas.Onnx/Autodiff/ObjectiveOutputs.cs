namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>The tensors an <see cref="IGraphObjective"/> emitted.</summary>
/// <param name="PerItem">One value per batch item ([N]), or null when the objective has none.</param>
/// <param name="Total">The scalar whose gradient the graph computes.</param>
public readonly record struct ObjectiveOutputs(string? PerItem, string Total);
