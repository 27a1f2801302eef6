using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>
/// A per-item objective for whole-model gradient tests: item i's mean of channel channels[i] of an [N, C, H, W]
/// tensor (one channel for every item when a single one is given). Sliced per item, so it shares no code with the
/// objectives of NeuronAtlas.FeatureVis.
/// </summary>
public sealed class ChannelMean(string tensor, params int[] channels) : IGraphObjective
{
    public IEnumerable<string> Tensors => [tensor];

    public ObjectiveOutputs Emit(GraphEmitter emitter, ResolvedTensors resolved, int batchSize)
    {
        var items = Enumerable.Range(0, batchSize).Select(item =>
        {
            long channel = channels.Length == 1 ? channels[0] : channels[item];
            return emitter.Slice(tensor, [item, channel], [item + 1, channel + 1], [0, 1]);
        }).ToList();
        var selected = items.Count == 1 ? items[0] : emitter.Node("Concat", items, OnnxAttribute.Int("axis", 0));
        var perItem = emitter.ReduceMean(selected, Enumerable.Range(1, resolved.Shape(tensor).Length - 1), keepDims: false);
        return new ObjectiveOutputs(perItem, emitter.ReduceSum(perItem, [0], keepDims: false));
    }
}
