using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Core.Images;

/// <summary>
/// The last step before the model: an RGB image in [0, 1] becomes the model's input tensor as its manifest says,
/// tensor[c] = (rgb[order[c]] - mean[c]) / std[c] with order BGR or RGB. The adjoint divides by std and undoes the order.
/// Both the image preprocessor (8-bit pixels) and feature visualization (float images) use it.
/// </summary>
public sealed class ModelInputNormalization
{
    private readonly int[] _source;
    private readonly float[] _mean;
    private readonly float[] _std;

    public ModelInputNormalization(ModelManifest manifest)
    {
        _source = manifest.Input.ChannelOrder == ChannelOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        _mean = manifest.Preprocessing.Mean;
        _std = manifest.Preprocessing.Std;
    }

    public void Apply(ReadOnlySpan<float> rgb, Span<float> tensor, int planeLength)
    {
        for (int c = 0; c < 3; c++)
        {
            var source = rgb.Slice(_source[c] * planeLength, planeLength);
            var target = tensor.Slice(c * planeLength, planeLength);
            float mean = _mean[c], scale = 1f / _std[c];
            for (int i = 0; i < planeLength; i++) target[i] = (source[i] - mean) * scale;
        }
    }

    /// <summary>The tensor of 8-bit pixels (row-major), each channel read as value / 255.</summary>
    public void Apply(ReadOnlySpan<Rgb24> pixels, Span<float> tensor)
    {
        int planeLength = pixels.Length;
        for (int c = 0; c < 3; c++)
        {
            var target = tensor.Slice(c * planeLength, planeLength);
            int source = _source[c];
            float mean = _mean[c], scale = 1f / _std[c];
            for (int i = 0; i < planeLength; i++)
            {
                var px = pixels[i];
                byte v = source switch { 0 => px.R, 1 => px.G, _ => px.B };
                target[i] = (v / 255f - mean) * scale;
            }
        }
    }

    public void Adjoint(ReadOnlySpan<float> tensorGradient, Span<float> rgbGradient, int planeLength)
    {
        for (int c = 0; c < 3; c++)
        {
            var source = tensorGradient.Slice(c * planeLength, planeLength);
            var target = rgbGradient.Slice(_source[c] * planeLength, planeLength);
            float scale = 1f / _std[c];
            for (int i = 0; i < planeLength; i++) target[i] = source[i] * scale;
        }
    }
}
