namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// A linear map from learned parameters to a batch of unbounded images (before colour decorrelation and the sigmoid).
/// Parameters and images are item-major: item i owns <see cref="ParametersPerItem"/> parameters and one
/// <see cref="Shape"/>-sized CHW image.
/// </summary>
public interface ISpatialParameterization
{
    ImageShape Shape { get; }

    int BatchSize { get; }

    int ParametersPerItem { get; }

    /// <summary>The values to optimize, <see cref="BatchSize"/> × <see cref="ParametersPerItem"/>.</summary>
    float[] Parameters { get; }

    /// <summary>Draws item <paramref name="item"/>'s initial parameters from <paramref name="random"/>.</summary>
    void InitializeItem(int item, Random random);

    /// <summary>Writes every item's image into <paramref name="images"/> (BatchSize × Shape.Length floats).</summary>
    void Draw(Span<float> images);

    /// <summary>The vector-Jacobian product: given d(loss)/d(images), writes d(loss)/d(parameters).</summary>
    void DrawAdjoint(ReadOnlySpan<float> imageGradients, Span<float> parameterGradients);
}
