namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Lucent's random_scale: resizes by a factor drawn from <see cref="Scales"/> (bilinear, corners aligned, size rounded up).</summary>
public sealed record RandomScale(IReadOnlyList<float> Scales) : IImageTransform
{
    public ITransformStep Sample(ImageShape input, Random random)
    {
        if (Scales.Count == 0) throw new ArgumentException("RandomScale needs at least one scale.", nameof(Scales));
        double scale = Scales[random.Next(Scales.Count)];
        int height = (int)Math.Ceiling(scale * input.Height - 1e-9), width = (int)Math.Ceiling(scale * input.Width - 1e-9);
        return BilinearResampleStep.Resize(input, height, width);
    }
}
