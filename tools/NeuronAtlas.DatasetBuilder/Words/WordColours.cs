using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>Paper and ink for training words: grey, tinted or coloured paper, and an ink that stands out from it.</summary>
public static class WordColours
{
    /// <summary>Smallest difference in luma (0-1) between ink and paper.</summary>
    public const double MinContrast = 0.4;

    public static (SKColor Paper, SKColor Ink) Sample(Random rng)
    {
        var paper = rng.Next(3) switch
        {
            0 => Grey((byte)rng.Next(0, 256)),
            1 => new SKColor((byte)rng.Next(200, 256), (byte)rng.Next(200, 256), (byte)rng.Next(200, 256)),
            _ => SKColor.FromHsv(rng.Next(360), 40 + rng.Next(61), 40 + rng.Next(61)),
        };
        // Half the inks are near black or near white, half any colour; drawn until one contrasts enough.
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var ink = rng.Next(2) == 0
                ? Grey((byte)(Luma(paper) > 0.5 ? rng.Next(0, 50) : rng.Next(206, 256)))
                : new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
            if (Math.Abs(Luma(ink) - Luma(paper)) >= MinContrast) return (paper, ink);
        }
        return (paper, Luma(paper) > 0.5 ? SKColors.Black : SKColors.White);
    }

    /// <summary>Rec. 601 luma in 0-1.</summary>
    public static double Luma(SKColor c) => (0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue) / 255;

    private static SKColor Grey(byte level) => new(level, level, level);
}
