using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>Runs a model in ONNX Runtime (CPU) on float inputs and returns its float outputs.</summary>
public sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OrtRunner(ModelProto model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        _session = new InferenceSession(model.ToByteArray(), options);
    }

    public static Dictionary<string, FloatTensor> RunOnce(ModelProto model, IReadOnlyDictionary<string, FloatTensor> inputs)
    {
        using var runner = new OrtRunner(model);
        return runner.Run(inputs);
    }

    public Dictionary<string, FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs)
    {
        var feeds = inputs.Select(p => NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>(p.Value.Data, p.Value.Shape))).ToList();
        using var results = _session.Run(feeds);
        return results.ToDictionary(r => r.Name, r =>
        {
            var tensor = r.AsTensor<float>();
            return new FloatTensor(tensor.ToArray(), tensor.Dimensions.ToArray());
        });
    }

    public void Dispose() => _session.Dispose();
}
