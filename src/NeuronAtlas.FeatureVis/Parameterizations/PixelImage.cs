using NeuronAtlas.Core.Numerics;
namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>Lucent's pixel_image: the parameters are the pixels themselves, initialized with N(0, sd).</summary>
public sealed class PixelImage(ImageShape shape, int batchSize, float standardDeviation = 0.01f) : ISpatialParameterization
{
    public ImageShape Shape { get; } = shape;

    public int BatchSize { get; } = batchSize;

    public int ParametersPerItem => Shape.Length;

    public float[] Parameters { get; } = new float[batchSize * shape.Length];

    public void InitializeItem(int item, Random random) =>
        GaussianSampler.Fill(random, Parameters.AsSpan(item * ParametersPerItem, ParametersPerItem), standardDeviation);

    public void Draw(Span<float> images) => Parameters.CopyTo(images);

    public void DrawAdjoint(ReadOnlySpan<float> imageGradients, Span<float> parameterGradients) =>
        imageGradients[..Parameters.Length].CopyTo(parameterGradients);
}
