namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// Resampling by an affine map from output pixel (y, x) to a source position: each output pixel is the bilinear
/// blend of its four neighbouring source pixels, with <c>fill</c> standing in for neighbours outside the image.
/// The taps and weights are computed once, so the adjoint scatters each output gradient back with the same weights.
/// </summary>
public sealed class BilinearResampleStep : IResamplingStep
{
    private int[]? _taps;
    private float[] _weights = [];
    private float[] _constant = [];

    /// <param name="source">Maps an output pixel (y, x) to the source position it samples.</param>
    /// <param name="fill">The value outside the input; null when the map never leaves it (then taps outside get weight 0).</param>
    public BilinearResampleStep(ImageShape input, int outputHeight, int outputWidth, AffineSourceMap source, float? fill)
    {
        Map = source;
        Fill = fill;
        Input = input;
        Output = input with { Height = outputHeight, Width = outputWidth };
    }

    public AffineSourceMap Map { get; }

    public float? Fill { get; }

    public ImageShape Input { get; }

    public ImageShape Output { get; }

    /// <summary>Computes the taps on first use: a step merged away by <see cref="Compose"/> never needs its own.</summary>
    private int[] EnsureTaps()
    {
        if (_taps is not null) return _taps;
        var (input, source, fill) = (Input, Map, Fill);
        int outputHeight = Output.Height, outputWidth = Output.Width, pixels = outputHeight * outputWidth;
        var taps = new int[4 * pixels];
        _weights = new float[4 * pixels];
        _constant = new float[pixels];
        for (int y = 0; y < outputHeight; y++)
            for (int x = 0; x < outputWidth; x++)
            {
                double sy = source.YFromY * y + source.YFromX * x + source.YOffset;
                double sx = source.XFromY * y + source.XFromX * x + source.XOffset;
                int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
                double fy = sy - y0, fx = sx - x0;
                int pixel = y * outputWidth + x;
                for (int t = 0; t < 4; t++)
                {
                    int ty = y0 + (t >> 1), tx = x0 + (t & 1);
                    double weight = ((t >> 1) == 1 ? fy : 1 - fy) * ((t & 1) == 1 ? fx : 1 - fx);
                    bool inside = ty >= 0 && ty < input.Height && tx >= 0 && tx < input.Width;
                    // A tap outside the image reads pixel 0 with weight 0, so the loops need no branch; its share goes to the fill.
                    taps[4 * pixel + t] = inside ? ty * input.Width + tx : 0;
                    _weights[4 * pixel + t] = inside ? (float)weight : 0f;
                    if (!inside) _constant[pixel] += (float)(weight * (fill ?? 0f));
                }
            }
        return _taps = taps;
    }

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        var (taps, weights, constant) = (EnsureTaps(), _weights, _constant);
        int outPlane = Output.PlaneLength, inPlane = Input.PlaneLength;
        for (int c = 0; c < Input.Channels; c++)
        {
            var source = input.Slice(c * inPlane, inPlane);
            var target = output.Slice(c * outPlane, outPlane);
            for (int p = 0, t = 0; p < outPlane; p++, t += 4)
                target[p] = constant[p] + weights[t] * source[taps[t]] + weights[t + 1] * source[taps[t + 1]]
                            + weights[t + 2] * source[taps[t + 2]] + weights[t + 3] * source[taps[t + 3]];
        }
    }

    public void Adjoint(ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        var (taps, weights) = (EnsureTaps(), _weights);
        int outPlane = Output.PlaneLength, inPlane = Input.PlaneLength;
        inputGradient[..Input.Length].Clear();
        for (int c = 0; c < Input.Channels; c++)
        {
            var source = outputGradient.Slice(c * outPlane, outPlane);
            var target = inputGradient.Slice(c * inPlane, inPlane);
            for (int p = 0, t = 0; p < outPlane; p++, t += 4)
            {
                float g = source[p];
                target[taps[t]] += weights[t] * g;
                target[taps[t + 1]] += weights[t + 1] * g;
                target[taps[t + 2]] += weights[t + 2] * g;
                target[taps[t + 3]] += weights[t + 3] * g;
            }
        }
    }

    /// <summary>Stretches the image to the output size with corners aligned (PyTorch's align_corners=True).</summary>
    public static BilinearResampleStep Resize(ImageShape input, int height, int width)
    {
        double sy = height > 1 ? (input.Height - 1.0) / (height - 1) : 0, sx = width > 1 ? (input.Width - 1.0) / (width - 1) : 0;
        return new BilinearResampleStep(input, height, width, new AffineSourceMap(sy, 0, 0, 0, sx, 0), fill: null);
    }
}
