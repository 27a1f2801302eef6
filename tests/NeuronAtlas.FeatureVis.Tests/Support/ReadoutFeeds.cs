using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Support;

/// <summary>The feeds of a gradient graph built from a readout graph: the model inputs plus the objective's weights.</summary>
public static class ReadoutFeeds
{
    public static Dictionary<string, FloatTensor> Of(GradientGraph graph, IReadOnlyDictionary<string, FloatTensor> inputs,
        IReadOnlyDictionary<string, float[]> weights)
    {
        var feeds = new Dictionary<string, FloatTensor>(inputs);
        foreach (var (name, shape) in graph.ObjectiveInputShapes) feeds[name] = new FloatTensor(weights[name], shape);
        return feeds;
    }
}
