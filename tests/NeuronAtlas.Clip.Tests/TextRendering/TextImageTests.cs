using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.TextRendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Clip.Tests.TextRendering;

public class TextImageTests
{
    private const int Size = 200;
    private const string FullBlock = "\u2588";
    private const string UpperHalfBlock = "\u2580";

    /// <summary>A full block glyph is a filled rectangle, so its ink box turns exactly as a rectangle does.</summary>
    [Theory]
    [InlineData(90)]
    [InlineData(30)]
    [InlineData(-12)]
    public void ARotatedRectangleGlyphsInkBoxIsTheRotatedRectanglesBox(float degrees)
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.SingleLine(FullBlock, fonts[MonoFont(fonts)], 60);
        var upright = InkBox(TextImage.Render(block, Size, Size, new TextImageStyle()));
        var turned = InkBox(TextImage.Render(block, Size, Size, new TextImageStyle { RotationDegrees = degrees }));

        // By hand: a w x h rectangle turned by t has a box of w|cos t| + h|sin t| by w|sin t| + h|cos t|; its centre's
        // offset (dx, dy) from the pivot turns clockwise on screen (y down): (dx cos t - dy sin t, dx sin t + dy cos t).
        double t = degrees * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        double w = upright.Width, h = upright.Height, dx = upright.CentreX - Size / 2.0, dy = upright.CentreY - Size / 2.0;
        Assert.InRange(turned.Width, w * Math.Abs(cos) + h * Math.Abs(sin) - 2, w * Math.Abs(cos) + h * Math.Abs(sin) + 2);
        Assert.InRange(turned.Height, w * Math.Abs(sin) + h * Math.Abs(cos) - 2, w * Math.Abs(sin) + h * Math.Abs(cos) + 2);
        Assert.InRange(turned.CentreX, Size / 2.0 + dx * cos - dy * sin - 1.5, Size / 2.0 + dx * cos - dy * sin + 1.5);
        Assert.InRange(turned.CentreY, Size / 2.0 + dx * sin + dy * cos - 1.5, Size / 2.0 + dx * sin + dy * cos + 1.5);
    }

    [Fact]
    public void PositiveDegreesTurnClockwise()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.SingleLine(UpperHalfBlock, fonts[MonoFont(fonts)], 80);
        var ink = InkBox(TextImage.Render(block, Size, Size, new TextImageStyle { RotationDegrees = 90 }));
        // The top half of the glyph ends up on the right of the pivot, as a clockwise quarter turn puts it.
        Assert.True(ink.Left > Size / 2.0 - 1, $"ink from x = {ink.Left}");
    }

    [Fact]
    public void LettersTakeTheInkColourAndTheRestThePaperColour()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.SingleLine(FullBlock, fonts[MonoFont(fonts)], 60);
        var ink = new SKColor(200, 30, 40);
        var paper = new SKColor(20, 120, 220);
        using var image = TextImage.Render(block, Size, Size, new TextImageStyle { Ink = ink, Paper = paper });
        var box = InkBox(image, paper);
        Assert.Equal(new Rgb24(200, 30, 40), image[(int)box.CentreX, (int)box.CentreY]);
        Assert.Equal(new Rgb24(20, 120, 220), image[0, 0]);
        Assert.Equal(new Rgb24(20, 120, 220), image[Size - 1, Size - 1]);
    }

    [Fact]
    public void NoiseStaysWithinItsAmplitudeAndTheSameSeedGivesTheSameImage()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.SingleLine("spider", fonts[0], 30);
        var style = new TextImageStyle { Paper = new SKColor(128, 128, 128), CentreY = 0.8f, NoiseAmplitude = 10, NoiseSeed = 7 };
        using var first = TextImage.Render(block, Size, Size, style);
        using var again = TextImage.Render(block, Size, Size, style);
        using var otherSeed = TextImage.Render(block, Size, Size, style with { NoiseSeed = 8 });
        Assert.Equal(Pixels(first), Pixels(again));
        Assert.NotEqual(Pixels(first), Pixels(otherSeed));

        // The top half holds only paper: every channel within 10 of 128, spread over the whole range, mean near 128.
        var paper = Pixels(first).Take(Size * Size / 2 * 3).Select(b => (int)b).ToList();
        Assert.InRange(paper.Min(), 118, 118);
        Assert.InRange(paper.Max(), 138, 138);
        Assert.InRange(paper.Average(), 127.8, 128.2);
    }

    [Fact]
    public void RotatedExtentOfAQuarterTurnSwapsWidthAndHeight()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.SingleLine("spider", fonts[0], 30);
        var (width, height) = block.RotatedExtent(90);
        Assert.Equal(block.Height, width, 3);
        Assert.Equal(block.Width, height, 3);
    }

    private static int MonoFont(FontLibrary fonts) =>
        Enumerable.Range(0, fonts.Count).Single(i => Path.GetFileName(fonts.Files[i]) == "DejaVuSansMono.ttf");

    private static byte[] Pixels(Image<Rgb24> image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    private sealed record Box(int Left, int Top, int Right, int Bottom)
    {
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
        public double CentreX => (Left + Right) / 2.0;
        public double CentreY => (Top + Bottom) / 2.0;
    }

    /// <summary>The box of pixels at least half-way from the paper colour to the ink.</summary>
    private static Box InkBox(Image<Rgb24> image, SKColor? paper = null)
    {
        var p = paper ?? SKColors.White;
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var c = image[x, y];
                int distance = Math.Abs(c.R - p.Red) + Math.Abs(c.G - p.Green) + Math.Abs(c.B - p.Blue);
                if (distance < 3 * 128 / 2) continue;
                left = Math.Min(left, x); right = Math.Max(right, x);
                top = Math.Min(top, y); bottom = Math.Max(bottom, y);
            }
        Assert.True(right >= 0, "no ink found");
        return new Box(left, top, right, bottom);
    }
}
