namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Drawn steps applied in order; the adjoint runs their adjoints in reverse.</summary>
public sealed class ComposedStep(ImageShape input, IReadOnlyList<ITransformStep> steps) : ITransformStep
{
    public IReadOnlyList<ITransformStep> Steps { get; } = steps;

    public ImageShape Input { get; } = input;

    public ImageShape Output => Steps.Count == 0 ? Input : Steps[^1].Output;

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        if (Steps.Count <= 1)
        {
            if (Steps.Count == 0) input[..Input.Length].CopyTo(output);
            else Steps[0].Apply(input, output);
            return;
        }
        var current = input[..Input.Length].ToArray();
        foreach (var step in Steps)
        {
            var next = new float[step.Output.Length];
            step.Apply(current, next);
            current = next;
        }
        current.CopyTo(output);
    }

    public void Adjoint(ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (Steps.Count <= 1)
        {
            if (Steps.Count == 0) outputGradient[..Output.Length].CopyTo(inputGradient);
            else Steps[0].Adjoint(outputGradient, inputGradient);
            return;
        }
        var current = outputGradient[..Output.Length].ToArray();
        for (int i = Steps.Count - 1; i >= 0; i--)
        {
            var previous = new float[Steps[i].Input.Length];
            Steps[i].Adjoint(current, previous);
            current = previous;
        }
        current.CopyTo(inputGradient);
    }
}
