using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Onnx.Autodiff;

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>
/// An ONNX Runtime session of one gradient graph: input batch and objective weights in, objective and input gradient
/// out. The weights are fed on every run, so one session serves every objective over the graph's layers.
/// </summary>
internal sealed class GradientSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly long[] _inputShape;
    private readonly string[] _outputNames;
    private readonly bool _hasPerItem;
    private readonly IReadOnlyList<string> _extraOutputs;
    private readonly IReadOnlyDictionary<string, long[]> _weightShapes;

    /// <param name="extraOutputs">Forward tensors the graph also returns (see <see cref="GradientGraphBuilder.Build"/>), fetched on request.</param>
    public GradientSession(GradientGraph graph, string inputName, IReadOnlyList<string> extraOutputs, InferenceOptions options, ILogger? logger)
    {
        _extraOutputs = extraOutputs;
        // On the CPU, workers sleep instead of spinning between runs: between two runs the render loop draws and
        // transforms images on the same cores, and spinning workers would take their time.
        var sessionOptions = options.ExecutionProvider == ExecutionProviderKind.Cpu ? options with { AllowSpinning = false } : options;
        _session = OnnxSessionFactory.Create(graph.ToByteArray(), sessionOptions, logger);
        _inputName = inputName;
        _inputShape = graph.InputShapes[inputName].Select(d => (long)d).ToArray();
        _weightShapes = graph.ObjectiveInputShapes.ToDictionary(p => p.Key, p => p.Value.Select(d => (long)d).ToArray());
        _hasPerItem = graph.PerItemObjectiveOutput is not null;
        _outputNames = _hasPerItem
            ? [graph.PerItemObjectiveOutput!, graph.TotalObjectiveOutput, graph.GradientOutputs[inputName]]
            : [graph.TotalObjectiveOutput, graph.GradientOutputs[inputName]];
    }

    public int InputLength => (int)_inputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Runs the graph on <paramref name="input"/>, writes d(total)/d(input) into <paramref name="gradient"/>.</summary>
    /// <param name="weights">A value for every objective input of the graph (<see cref="Objectives.Graph.ReadoutGraph.Weights"/>).</param>
    /// <param name="extras">When given, receives the extra outputs by tensor name.</param>
    /// <returns>The per-item objective (null when the objective has no per-item terms) and the total.</returns>
    public (float[]? PerItem, float Total) Run(float[] input, IReadOnlyDictionary<string, float[]> weights, float[] gradient, CancellationToken ct,
        Dictionary<string, float[]>? extras = null)
    {
        using var runOptions = new RunOptions();
        using var stop = ct.Register(() => runOptions.Terminate = true);
        var names = new List<string>(1 + _weightShapes.Count) { _inputName };
        var values = new List<OrtValue>(names.Capacity) { OrtValue.CreateTensorValueFromMemory(input, _inputShape) };
        try
        {
            foreach (var (name, shape) in _weightShapes)
            {
                if (!weights.TryGetValue(name, out var value)) throw new ArgumentException($"No value for the objective input '{name}'.", nameof(weights));
                names.Add(name);
                values.Add(OrtValue.CreateTensorValueFromMemory(value, shape));
            }
            string[] outputNames = extras is null ? _outputNames : [.. _outputNames, .. _extraOutputs];
            using var outputs = _session.Run(runOptions, names, values, outputNames);
            int o = 0;
            var perItem = _hasPerItem ? outputs[o++].GetTensorDataAsSpan<float>().ToArray() : null;
            float total = outputs[o++].GetTensorDataAsSpan<float>()[0];
            outputs[o++].GetTensorDataAsSpan<float>().CopyTo(gradient);
            if (extras is not null)
                foreach (var name in _extraOutputs) extras[name] = outputs[o++].GetTensorDataAsSpan<float>().ToArray();
            return (perItem, total);
        }
        catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
