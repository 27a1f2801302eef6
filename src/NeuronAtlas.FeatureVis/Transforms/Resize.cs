namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Bilinear resize to a fixed size (corners aligned), such as the model's input size after the random transforms.</summary>
public sealed record Resize(int Height, int Width) : IImageTransform
{
    public ITransformStep Sample(ImageShape input, Random random) => BilinearResampleStep.Resize(input, Height, Width);
}
