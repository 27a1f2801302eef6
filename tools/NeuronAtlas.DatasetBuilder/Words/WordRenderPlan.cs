using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>Everything that decides one word image: the text, the font, its size, tilt, place, colours and noise.</summary>
/// <param name="Font">Index into the word painter's font library.</param>
/// <param name="SizeShare">Font size as a share (0-1] of the largest that fits.</param>
/// <param name="PlaceX">Where the text sits in the room left over, 0 (left) to 1 (right).</param>
/// <param name="PlaceY">Where the text sits in the room left over, 0 (top) to 1 (bottom).</param>
public sealed record WordRenderPlan(
    string Text, int Font, float SizeShare, float RotationDegrees, float PlaceX, float PlaceY,
    SKColor Ink, SKColor Paper, int NoiseAmplitude, int NoiseSeed)
{
    /// <summary>Black on white, as large as fits, centred, upright, no noise: the evaluation words.</summary>
    public static WordRenderPlan Plain(string text, int font) =>
        new(text, font, 1f, 0f, 0.5f, 0.5f, SKColors.Black, SKColors.White, 0, 0);
}
