using Google.Protobuf;
using Onnx;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// A model whose run takes the original inputs (at the shapes it was built for) and returns the objective
/// and the gradient of its total with respect to the differentiated inputs.
/// </summary>
public sealed class GradientGraph
{
    internal GradientGraph(ModelProto model, IReadOnlyDictionary<string, int[]> inputShapes, IReadOnlyDictionary<string, int[]> objectiveInputShapes,
        string? perItemObjectiveOutput, IReadOnlyDictionary<string, string> gradientOutputs)
    {
        Model = model;
        InputShapes = inputShapes;
        ObjectiveInputShapes = objectiveInputShapes;
        PerItemObjectiveOutput = perItemObjectiveOutput;
        GradientOutputs = gradientOutputs;
    }

    /// <summary>Output name of the per-item objective, shape [N].</summary>
    public const string PerItemObjectiveName = "objective";

    /// <summary>Output name of the total objective (per-item values summed, plus batch terms), a scalar.</summary>
    public const string TotalObjectiveName = "objective_total";

    public ModelProto Model { get; }

    /// <summary>The shapes the graph was built for; it accepts no others.</summary>
    public IReadOnlyDictionary<string, int[]> InputShapes { get; }

    /// <summary>
    /// The inputs the objective declared (its weights, fed on every run so one graph serves many objectives), by name,
    /// with their shapes; they are not differentiated.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> ObjectiveInputShapes { get; }

    /// <summary><see cref="PerItemObjectiveName"/>, or null when the objective has no per-item terms.</summary>
    public string? PerItemObjectiveOutput { get; }

    public string TotalObjectiveOutput => TotalObjectiveName;

    /// <summary>For each differentiated input, the output holding d(total objective)/d(input), same shape as the input.</summary>
    public IReadOnlyDictionary<string, string> GradientOutputs { get; }

    /// <summary>The gradient output of the single differentiated input.</summary>
    public string InputGradientOutput => GradientOutputs.Count == 1
        ? GradientOutputs.Values.Single()
        : throw new InvalidOperationException("The graph differentiates several inputs; use GradientOutputs.");

    /// <summary>The serialized model, ready for <c>new InferenceSession(bytes)</c>.</summary>
    public byte[] ToByteArray() => Model.ToByteArray();

    /// <summary>Writes the model as an .onnx file.</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Model.WriteTo(file);
    }
}
