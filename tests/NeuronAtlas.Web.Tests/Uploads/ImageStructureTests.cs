using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Tests.Uploads;

public sealed class ImageStructureTests
{
    [Fact]
    public void A_whole_jpeg_is_complete_and_every_cut_inside_it_is_truncated()
    {
        var jpeg = TestImages.Jpeg(120, 90);

        Assert.Null(JpegStructure.FindProblem(jpeg));
        foreach (int length in new[] { 4, 100, jpeg.Length / 3, jpeg.Length / 2, jpeg.Length - 2, jpeg.Length - 1 })
            Assert.Contains("truncated", JpegStructure.FindProblem(jpeg.AsSpan(0, length)));
    }

    [Fact]
    public void A_jpeg_followed_by_trailing_bytes_is_complete()
    {
        byte[] jpeg = [.. TestImages.Jpeg(64, 64), 0, 0, 0];

        Assert.Null(JpegStructure.FindProblem(jpeg));
    }

    [Fact]
    public void A_png_needs_its_iend_chunk()
    {
        var png = TestImages.Png(64, 64);

        Assert.Null(PngStructure.FindProblem(png));
        Assert.Contains("truncated", PngStructure.FindProblem(png.AsSpan(0, png.Length - 12)));
        Assert.Contains("truncated", PngStructure.FindProblem(png.AsSpan(0, png.Length / 2)));
    }

    [Fact]
    public void Gif_frames_must_lie_inside_the_logical_screen()
    {
        Assert.Equal(default, GifStructure.Inspect(TestImages.AnimatedGif()));
        Assert.Equal(default, GifStructure.Inspect(TestImages.GifWithHugeFrame(16, 16)));

        var huge = GifStructure.Inspect(TestImages.GifWithHugeFrame(60000, 60000));
        Assert.Null(huge.Unreadable);
        Assert.Contains("GIF frame 2 is 60000x60000 pixels at (0,0), outside its 16x16 logical screen", huge.OversizedFrame);
        Assert.NotNull(GifStructure.Inspect(TestImages.GifWithHugeFrame(17, 16)).OversizedFrame);
    }

    [Fact]
    public void A_gif_cut_inside_a_block_is_unreadable()
    {
        var gif = TestImages.AnimatedGif();

        Assert.Contains("truncated", GifStructure.Inspect(gif.AsSpan(0, gif.Length / 2)).Unreadable);
        Assert.Contains("truncated", GifStructure.Inspect(gif.AsSpan(0, 10)).Unreadable);
    }

    [Fact]
    public void Webp_and_bmp_must_hold_the_bytes_their_headers_declare()
    {
        var webp = TestImages.Webp(64, 64);
        var bmp = TestImages.Bmp(64, 64);

        Assert.Null(RiffStructure.FindProblem(webp));
        Assert.Contains("truncated", RiffStructure.FindProblem(webp.AsSpan(0, webp.Length - 10)));
        Assert.Null(BmpStructure.FindProblem(bmp));
        Assert.Contains("truncated", BmpStructure.FindProblem(bmp.AsSpan(0, bmp.Length - 10)));
    }
}
