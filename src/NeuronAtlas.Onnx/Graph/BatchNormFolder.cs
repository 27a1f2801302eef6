using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>
/// Folds inference-mode BatchNormalization into the Conv that feeds it:
/// W' = W * scale / sqrt(var + eps) per output channel, b' = (b - mean) * scale / sqrt(var + eps) + B.
/// </summary>
public static class BatchNormFolder
{
    /// <summary>Folds every foldable BatchNormalization and returns how many were folded.</summary>
    /// <remarks>
    /// A BatchNormalization is folded only when its input comes from a Conv whose output nothing else reads,
    /// and when the Conv weights and all BatchNormalization parameters are initializers.
    /// </remarks>
    public static int Fold(ModelProto model)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var consumerCounts = graph.Node.SelectMany(n => n.Input).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        var emitter = new GraphEmitter(graph, ModelOpset.Get(model), "bnfold_");
        var folded = 0;
        foreach (var batchNorm in graph.Node.Where(n => n.OpType == "BatchNormalization").ToList())
        {
            if (batchNorm.GetInt("training_mode", 0) != 0 || batchNorm.Output.Skip(1).Any(o => o.Length > 0)) continue;
            if (!producers.TryGetValue(batchNorm.Input[0], out var conv) || conv.OpType != "Conv") continue;
            if (consumerCounts[conv.Output[0]] != 1 || graphOutputs.Contains(conv.Output[0])) continue;
            var parameters = batchNorm.Input.Skip(1).Select(name => initializers.GetValueOrDefault(name)).ToArray();
            if (parameters.Any(p => p is null) || !initializers.TryGetValue(conv.Input[1], out var weight)) continue;
            var bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? initializers.GetValueOrDefault(conv.Input[2]) : null;
            if (conv.Input.Count > 2 && conv.Input[2].Length > 0 && bias is null) continue;

            var (foldedWeight, foldedBias) = FoldParameters(weight, bias, parameters!, batchNorm.GetFloat("epsilon", 1e-5f));
            if (foldedWeight is null) continue;
            var weightName = emitter.FreshName(conv.Input[1]);
            var biasName = emitter.FreshName(conv.Output[0] + "_bias");
            graph.Initializer.Add(OnnxTensor.FromFloats(weightName, foldedWeight, OnnxTensor.Dims(weight)));
            graph.Initializer.Add(OnnxTensor.FromFloats(biasName, foldedBias, [foldedBias.Length]));
            conv.Input[1] = weightName;
            if (conv.Input.Count > 2) conv.Input[2] = biasName;
            else conv.Input.Add(biasName);
            conv.Output[0] = batchNorm.Output[0];
            graph.Node.Remove(batchNorm);
            folded++;
        }
        GraphPruner.RemoveUnusedInitializers(graph);
        return folded;
    }

    private static (float[]? Weight, float[] Bias) FoldParameters(TensorProto weight, TensorProto? bias, TensorProto[] parameters, float epsilon)
    {
        var scale = OnnxTensor.ToFloats(parameters[0]);
        var shift = OnnxTensor.ToFloats(parameters[1]);
        var mean = OnnxTensor.ToFloats(parameters[2]);
        var variance = OnnxTensor.ToFloats(parameters[3]);
        var channels = (int)weight.Dims[0];
        if (new[] { scale, shift, mean, variance }.Any(p => p.Length != channels)) return (null, []);

        var weights = OnnxTensor.ToFloats(weight);
        var oldBias = bias is null ? new float[channels] : OnnxTensor.ToFloats(bias);
        var perChannel = weights.Length / channels;
        var newWeights = new float[weights.Length];
        var newBias = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var factor = scale[c] / Math.Sqrt(variance[c] + (double)epsilon);
            for (var i = 0; i < perChannel; i++) newWeights[c * perChannel + i] = (float)(weights[c * perChannel + i] * factor);
            newBias[c] = (float)((oldBias[c] - mean[c]) * factor + shift[c]);
        }
        return (newWeights, newBias);
    }
}
