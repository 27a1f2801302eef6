using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// What a gradient graph differentiates: nodes the caller appends to the forward graph, reading some of its tensors
/// and ending in one scalar. The autodiff knows nothing else about objectives; what they mean (channels, directions,
/// diversity, text) is the business of the caller (NeuronAtlas.FeatureVis).
/// </summary>
public interface IGraphObjective
{
    /// <summary>The forward tensors the objective reads; the graph is pruned to them.</summary>
    IEnumerable<string> Tensors { get; }

    /// <summary>Appends the objective's nodes and names its outputs.</summary>
    /// <param name="emitter">Where to add the nodes.</param>
    /// <param name="resolved">The concrete shape of every forward tensor.</param>
    /// <param name="batchSize">N, the batch size of the differentiated input.</param>
    ObjectiveOutputs Emit(GraphEmitter emitter, ResolvedTensors resolved, int batchSize);
}
