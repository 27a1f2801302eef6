namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// Lucent's random_rotate: rotates about the centre by an angle in degrees drawn from <see cref="Angles"/> (repeat
/// an angle to weight it), bilinear. Corners that come from outside the image take <see cref="Fill"/>: mid-grey,
/// like the padding, where Lucent's kornia call uses black.
/// </summary>
public sealed record RandomRotate(IReadOnlyList<float> Angles, float Fill = 0.5f) : IImageTransform
{
    public ITransformStep Sample(ImageShape input, Random random)
    {
        if (Angles.Count == 0) throw new ArgumentException("RandomRotate needs at least one angle.", nameof(Angles));
        double radians = Angles[random.Next(Angles.Count)] * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        double cy = (input.Height - 1) / 2.0, cx = (input.Width - 1) / 2.0;
        // The inverse rotation maps each output pixel to the source pixel it shows.
        var map = new AffineSourceMap(cos, -sin, cy - cy * cos + cx * sin, sin, cos, cx - cy * sin - cx * cos);
        return new BilinearResampleStep(input, input.Height, input.Width, map, Fill);
    }
}
