namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Lucid's jitter: a random crop <see cref="Pixels"/> smaller on each axis, at an offset drawn from 0..Pixels.</summary>
public sealed record Jitter(int Pixels) : IImageTransform
{
    public ITransformStep Sample(ImageShape input, Random random)
    {
        if (Pixels < 1) throw new ArgumentOutOfRangeException(nameof(Pixels), "Jitter needs at least one pixel.");
        int top = random.Next(Pixels + 1), left = random.Next(Pixels + 1);
        return new CropStep(input, top, left, input.Height - Pixels, input.Width - Pixels);
    }
}
