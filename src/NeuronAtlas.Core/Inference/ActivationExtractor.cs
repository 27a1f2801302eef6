using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Core.Inference;

/// <summary>
/// Runs a model on preprocessed image batches and returns the activations of the layers its manifest exposes.
/// Thread-safe: ONNX Runtime sessions allow concurrent Run calls.
/// </summary>
public sealed class ActivationExtractor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _outputNames;

    public ModelManifest Manifest { get; }
    public IReadOnlyList<LayerManifest> Layers { get; }

    private ActivationExtractor(ModelManifest manifest, IReadOnlyList<LayerManifest> layers, InferenceSession session)
    {
        Manifest = manifest;
        Layers = layers;
        _session = session;
        var names = layers.Select(l => l.Tensor).Distinct().ToList();
        if (manifest.Embedding is { } e && !names.Contains(e.Tensor)) names.Add(e.Tensor);
        _outputNames = [.. names];
    }

    /// <param name="layerIds">The layers to extract; all of the manifest's when null.</param>
    /// <param name="precision">Int8 runs the graph <c>precompute quantize</c> wrote (<see cref="QuantizedModelFile"/>); it throws when that is missing.</param>
    public static ActivationExtractor Create(ModelManifest manifest, InferenceOptions options, IEnumerable<string>? layerIds = null, ILogger? logger = null,
        ModelPrecision precision = ModelPrecision.Float32)
    {
        var path = precision == ModelPrecision.Int8 ? QuantizedModelFile.Resolve(manifest) : ModelManifestLoader.ResolveOnnxPath(manifest);
        return CreateFromFile(manifest, path, options, layerIds, logger);
    }

    /// <summary>Runs the ONNX file at <paramref name="path"/>, a graph of the manifest's model (its own, or one quantized from it).</summary>
    public static ActivationExtractor CreateFromFile(ModelManifest manifest, string path, InferenceOptions options, IEnumerable<string>? layerIds = null,
        ILogger? logger = null)
    {
        var layers = layerIds is null ? manifest.Layers : layerIds.Select(manifest.GetLayer).ToList();
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var tensors = layers.Select(l => l.Tensor).ToList();
        if (manifest.Embedding is { } e) tensors.Add(e.Tensor);
        var prepared = ModelGraphPreparer.Prepare(model, tensors);
        var session = OnnxSessionFactory.Create(prepared.ToByteArray(), options, logger);
        return new ActivationExtractor(manifest, layers, session);
    }

    /// <summary>Runs a batch. <paramref name="input"/> holds batchSize x 3 x H x W floats from <see cref="Images.ImagePreprocessor"/>.</summary>
    public ActivationBatch Run(float[] input, int batchSize)
    {
        int expected = batchSize * 3 * Manifest.Input.Height * Manifest.Input.Width;
        if (input.Length < expected)
            throw new ArgumentException($"Input holds {input.Length} floats; a batch of {batchSize} needs {expected}.");
        long[] shape = [batchSize, 3, Manifest.Input.Height, Manifest.Input.Width];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, expected), shape);
        using var runOptions = new RunOptions();
        var outputs = _session.Run(runOptions, [Manifest.Input.Name], [inputValue], _outputNames);
        return new ActivationBatch(batchSize, _outputNames, outputs);
    }

    public void Dispose() => _session.Dispose();
}
