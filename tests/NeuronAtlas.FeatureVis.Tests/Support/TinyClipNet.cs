using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;

namespace NeuronAtlas.FeatureVis.Tests.Support;

/// <summary>
/// Onnx.Tests' TinyConvNet (X [N, 2, 6, 6] → "act" [N, 4, 6, 6] → "deep" [N, 3, 2, 2]) with a CLIP-like image
/// embedding "embed" [N, 3], the position mean of "deep", and a manifest naming its layers and embedding.
/// </summary>
public static class TinyClipNet
{
    public static ModelProto Build()
    {
        var model = TinyConvNet.Build();
        var mean = new NodeProto { OpType = "ReduceMean", Name = "embed_mean" };
        mean.Input.Add("deep");
        mean.Output.Add("embed");
        mean.Attribute.Add(OnnxAttribute.Ints("axes", [2, 3]));
        mean.Attribute.Add(OnnxAttribute.Int("keepdims", 0));
        model.Graph.Node.Add(mean);
        model.Graph.Output.Clear();
        model.Graph.Output.Add(new ValueInfoProto { Name = "embed" });
        return model;
    }

    public static ModelManifest Manifest { get; } = new()
    {
        Id = "tiny-clip", DisplayName = "tiny CLIP-like net", Onnx = "tiny.onnx",
        Input = new ModelInput { Name = "X", Width = 6, Height = 6 },
        Preprocessing = new Preprocessing { Resize = 6, Crop = 6, Mean = [0, 0, 0], Std = [1, 1, 1] },
        Layers =
        [
            new LayerManifest { Id = "act", DisplayName = "act", Tensor = "act", Channels = 4, Height = 6, Width = 6 },
            new LayerManifest { Id = "deep", DisplayName = "deep", Tensor = "deep", Channels = 3, Height = 2, Width = 2 },
        ],
        Embedding = new EmbeddingManifest { Tensor = "embed", Dimensions = 3 },
    };
}
