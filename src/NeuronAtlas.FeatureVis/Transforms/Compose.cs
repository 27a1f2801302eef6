namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Lucent's compose: applies the transforms in order; each step draws all of them afresh.</summary>
public sealed class Compose(IReadOnlyList<IImageTransform> transforms) : IImageTransform
{
    public Compose(params IImageTransform[] transforms) : this((IReadOnlyList<IImageTransform>)transforms)
    {
    }

    public IReadOnlyList<IImageTransform> Transforms { get; } = transforms;

    public ITransformStep Sample(ImageShape input, Random random)
    {
        var steps = new List<ITransformStep>(Transforms.Count);
        var shape = input;
        foreach (var transform in Transforms)
        {
            var step = transform.Sample(shape, random);
            steps.Add(step);
            shape = step.Output;
        }
        return new ComposedStep(input, steps);
    }
}
