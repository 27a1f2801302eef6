namespace NeuronAtlas.FeatureVis;

/// <summary>The shape of one image in CHW layout: <see cref="Channels"/> planes of <see cref="Height"/> × <see cref="Width"/>.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Floats in one image.</summary>
    public int Length => Channels * Height * Width;

    public int PlaneLength => Height * Width;

    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
