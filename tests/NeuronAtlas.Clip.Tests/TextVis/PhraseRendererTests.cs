using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.TextVis;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Clip.Tests.TextVis;

public class PhraseRendererTests
{
    [Fact]
    public void Renderings_are_deterministic_and_variants_differ()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var renderer = new PhraseRenderer(fonts, 96);
        using var first = renderer.Render("piggy bank", 2);
        using var again = renderer.Render("piggy bank", 2);
        using var other = renderer.Render("piggy bank", 3);
        Assert.Equal(Pixels(first), Pixels(again));
        Assert.NotEqual(Pixels(first), Pixels(other));
        Assert.Equal(96, first.Width);
        Assert.Equal(96, first.Height);
    }

    [Fact]
    public void Variant_zero_is_dark_text_centred_on_white()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        using var image = new PhraseRenderer(fonts, 128).Render("$$$", 0);
        var pixels = Pixels(image);
        Assert.Equal(new Rgb24(255, 255, 255), pixels[0]);
        var ink = Enumerable.Range(0, pixels.Length).Where(i => pixels[i].R < 128).ToList();
        Assert.NotEmpty(ink);
        double centreX = ink.Average(i => i % 128), centreY = ink.Average(i => i / 128);
        Assert.InRange(centreX, 54, 74);
        Assert.InRange(centreY, 50, 78);
        // Text stays inside the margins.
        Assert.All(ink, i => Assert.InRange(i % 128, 4, 123));
    }

    [Fact]
    public void Long_phrases_wrap_and_fit_the_image()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var block = TextBlock.Fit("smiling face with open mouth", fonts[0], 200, 200);
        Assert.True(block.Lines.Count > 1);
        Assert.True(block.Width <= 200.5f && block.Height <= 200.5f);
        Assert.Equal("smiling face with open mouth", string.Join(' ', block.Lines));
    }

    [Fact]
    public void Every_phrase_of_the_shipped_vocabulary_can_be_drawn_and_there_are_thousands()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var vocabulary = TextVisVocabulary.FromFile(TextVisVocabulary.ShippedPath(ClipTestExports.RepoRoot));
        vocabulary.RequireGlyphs(fonts);
        Assert.InRange(vocabulary.Phrases.Count, 2000, 20000);
        foreach (var phrase in new[] { "$$$", "iPod", "spider", "Spider-Man", "happy", "USA", "pizza", "teacher", "library" })
            Assert.Contains(phrase, vocabulary.Phrases);
    }

    [Fact]
    public void A_phrase_no_font_can_draw_is_rejected_with_its_text()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var error = Assert.Throws<InvalidDataException>(() => new TextVisVocabulary(["cat", "漢字"]).RequireGlyphs(fonts));
        Assert.Contains("漢字", error.Message);
    }

    private static Rgb24[] Pixels(Image<Rgb24> image)
    {
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}
