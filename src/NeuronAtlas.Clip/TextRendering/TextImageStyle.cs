using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>How <see cref="TextImage"/> lays a text block on an image: ink, paper, position, tilt and pixel noise.</summary>
public sealed record TextImageStyle
{
    /// <summary>Colour of the letters. Defaults to black.</summary>
    public SKColor Ink { get; init; } = SKColors.Black;

    /// <summary>Colour of the background. Defaults to white.</summary>
    public SKColor Paper { get; init; } = SKColors.White;

    /// <summary>Where the block's centre goes, as a share of the image width. Defaults to 0.5 (centred).</summary>
    public float CentreX { get; init; } = 0.5f;

    /// <summary>Where the block's centre goes, as a share of the image height. Defaults to 0.5 (centred).</summary>
    public float CentreY { get; init; } = 0.5f;

    /// <summary>Tilt of the block about its centre in degrees, clockwise on screen. Defaults to 0.</summary>
    public float RotationDegrees { get; init; }

    /// <summary>Largest change per colour channel of the uniform pixel noise added last (0-255). Defaults to 0 (none).</summary>
    public int NoiseAmplitude { get; init; }

    /// <summary>Seed of the pixel noise: the same seed gives the same noise. Defaults to 0.</summary>
    public int NoiseSeed { get; init; }
}
