using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Tests.TestData;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;
using Xunit.Abstractions;

namespace NeuronAtlas.Core.Tests.Images;

public class SkiaImageDecoderTests(ITestOutputHelper output)
{
    private const int FullSize = int.MaxValue;

    [Theory]
    [InlineData(1000, 750, 224, 2)] // 750/2 = 375; 750/4 = 187.5, rounded up 188 < 224
    [InlineData(1155, 866, 224, 2)] // the benchmark's 1 MP JPEG: 866/4 rounds up to 217 < 224
    [InlineData(4000, 3000, 224, 8)] // 3000/8 = 375
    [InlineData(2000, 1792, 224, 8)] // 1792/8 = 224 exactly
    [InlineData(1785, 2000, 224, 8)] // 1785/8 = 223.1, which libjpeg rounds up to 224
    [InlineData(1784, 2000, 224, 4)] // 1784/8 = 223 < 224; 1784/4 = 446
    [InlineData(1020, 1020, 256, 2)] // 1020/4 = 255 < 256
    [InlineData(1024, 1024, 256, 4)] // 1024/4 = 256; 1024/8 = 128
    [InlineData(300, 200, 224, 1)] // smaller than needed already: full size, upscaled later as before
    [InlineData(224, 5000, 224, 1)]
    [InlineData(96, 96, 0, 8)] // nothing needed: the smallest scale
    public void The_scale_is_the_smallest_whose_short_side_still_reaches_the_resize_target(int width, int height, int minShortSide, int denominator)
    {
        Assert.Equal(denominator, SkiaImageDecoder.JpegScaleDenominator(width, height, minShortSide));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_jpeg_decodes_at_each_scale_as_libjpeg_does_in_PIL_draft_mode(int denominator)
    {
        using var scene = SyntheticImages.Scene(1000, 750);
        var jpeg = Jpeg(scene);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(jpeg, SkiaImageDecoder.ScaledSide(750, denominator), SKEncodedImageFormat.Jpeg, long.MaxValue);
        using var pil = PilJpegReference.Draft(jpeg, denominator);

        var difference = PixelDifference.Of(ours, pil);
        output.WriteLine($"1/{denominator}: {ours.Width}x{ours.Height}, {difference}");
        Assert.True(difference.Max <= 1, difference.ToString());
    }

    [Fact]
    public void A_progressive_jpeg_decodes_at_reduced_scale_as_in_PIL()
    {
        using var scene = SyntheticImages.Scene(1000, 750, seed: 2);
        var jpeg = PilJpegReference.Progressive(scene);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(jpeg, 188, SKEncodedImageFormat.Jpeg, long.MaxValue);
        using var pil = PilJpegReference.Draft(jpeg, 4);

        var difference = PixelDifference.Of(ours, pil);
        output.WriteLine($"progressive 1/4: {difference}");
        Assert.True(difference.Max <= 1, difference.ToString());
    }

    [Fact]
    public void A_cmyk_jpeg_decodes_to_its_colours()
    {
        using var scene = SyntheticImages.Scene(400, 300, seed: 3);
        var jpeg = PilJpegReference.Cmyk(scene);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(jpeg, FullSize, SKEncodedImageFormat.Jpeg, long.MaxValue);

        var difference = PixelDifference.Of(ours, scene);
        output.WriteLine($"CMYK: {difference}");
        Assert.True(difference.Mean <= 3, difference.ToString());
    }

    /// <summary>
    /// ResNet18's input is in 0..255 pixel levels (minus a mean), so the tensor difference reads as levels. The two paths
    /// low-pass differently before the same bilinear resize: libjpeg's 1/4 decode keeps each 8x8 block's lowest 2x2
    /// frequencies, the full path's antialiased 1600 -> 299 resize averages ~11x11 pixels. They agree on smooth regions
    /// and part at edges and fine noise: measured mean 0.96 levels, 99th percentile 6, max 12 on this noisy, edge-rich
    /// scene. The bounds leave ~1.5x room; a wrong scale, offset or channel would be tens of levels off on average.
    /// </summary>
    [Fact]
    public void The_model_input_from_a_reduced_decode_is_close_to_that_from_a_full_decode()
    {
        var preprocessor = new ImagePreprocessor(TestModels.ResNet18());
        using var scene = SyntheticImages.Scene(1600, 1200, seed: 4);
        var jpeg = Jpeg(scene);

        using var reduced = SkiaImageDecoder.DecodeRgbOnWhite(jpeg, preprocessor.DecodeShortSide, SKEncodedImageFormat.Jpeg, long.MaxValue);
        using var full = SkiaImageDecoder.DecodeRgbOnWhite(jpeg, FullSize, SKEncodedImageFormat.Jpeg, long.MaxValue);
        Assert.Equal((400, 300), (reduced.Width, reduced.Height));
        Assert.Equal((1600, 1200), (full.Width, full.Height));
        var fromReduced = new float[preprocessor.TensorLength];
        var fromFull = new float[preprocessor.TensorLength];
        preprocessor.Preprocess(reduced, fromReduced);
        preprocessor.Preprocess(full, fromFull);

        var differences = fromReduced.Zip(fromFull, (a, b) => Math.Abs(a - b)).Order().ToArray();
        double mean = differences.Average(), p99 = differences[(int)(differences.Length * 0.99)], max = differences[^1];
        output.WriteLine($"model input, reduced vs full decode: mean {mean:0.###}, 99th percentile {p99}, max {max} levels");
        Assert.True(mean <= 1.5 && p99 <= 9 && max <= 18, $"mean {mean}, 99th percentile {p99}, max {max}");
    }

    /// <summary>
    /// The same JPEG data with each EXIF orientation: Skia's pixels turned by our mapping equal its stored pixels turned
    /// by ImageSharp's AutoOrient (what uploads went through before), exactly, as both are pixel permutations.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_exif_orientation_is_applied_as_ImageSharps_AutoOrient_does(int orientation)
    {
        using var scene = SyntheticImages.Scene(240, 160, seed: 5);
        using var stored = SkiaImageDecoder.DecodeRgbOnWhite(Jpeg(scene), FullSize, SKEncodedImageFormat.Jpeg, long.MaxValue);
        scene.Metadata.ExifProfile = new ExifProfile();
        scene.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)orientation);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(Jpeg(scene), FullSize, SKEncodedImageFormat.Jpeg, long.MaxValue);

        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)orientation);
        stored.Mutate(x => x.AutoOrient());
        Assert.Equal(0, PixelDifference.Of(ours, stored).Max);
    }

    [Fact]
    public void A_turned_jpeg_is_turned_after_its_reduced_decode()
    {
        using var scene = SyntheticImages.Scene(2000, 1000, seed: 6);
        using var pil = PilJpegReference.Draft(Jpeg(scene), 4);
        scene.Metadata.ExifProfile = new ExifProfile();
        scene.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6); // rotate 90 degrees clockwise to view

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(Jpeg(scene), 224, SKEncodedImageFormat.Jpeg, long.MaxValue);

        pil.Mutate(x => x.Rotate(RotateMode.Rotate90));
        Assert.Equal((250, 500), (ours.Width, ours.Height));
        Assert.Equal(0, PixelDifference.Of(ours, pil).Max);
    }

    /// <summary>Lossless formats: Skia's pixels equal ImageSharp's, with transparency composited onto white alike (to 1 level of rounding).</summary>
    [Theory]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("bmp")]
    [InlineData("webp-lossless")]
    public void Lossless_formats_decode_as_ImageSharp_decodes_them_on_white(string format)
    {
        var (bytes, skiaFormat) = Translucent(format);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(bytes, FullSize, skiaFormat, long.MaxValue);
        using var imageSharp = ImageDecoding.LoadRgbOnWhite(bytes);

        var difference = PixelDifference.Of(ours, imageSharp);
        output.WriteLine($"{format}: {difference}");
        Assert.True(difference.Max <= 1, difference.ToString());
    }

    [Fact]
    public void An_image_over_four_megapixels_decodes_as_well()
    {
        using var scene = SyntheticImages.Scene(2400, 1800, seed: 11); // 17 MB of RGBA: past the pooled buffers
        using var stream = new MemoryStream();
        scene.SaveAsPng(stream);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(stream.ToArray(), FullSize, SKEncodedImageFormat.Png, long.MaxValue);

        Assert.Equal(0, PixelDifference.Of(ours, scene).Max);
    }

    [Fact]
    public void An_animated_gif_decodes_to_its_first_frame()
    {
        using var first = SyntheticImages.Scene(120, 80, seed: 7);
        using var second = new Image<Rgb24>(120, 80, new Rgb24(0, 0, 0));
        first.Frames.AddFrame(second.Frames.RootFrame);
        using var stream = new MemoryStream();
        first.SaveAsGif(stream);
        using var firstOnly = first.Frames.CloneFrame(0);

        using var ours = SkiaImageDecoder.DecodeRgbOnWhite(stream.ToArray(), FullSize, SKEncodedImageFormat.Gif, long.MaxValue);

        // GIF quantizes to 256 colours; compare with ImageSharp's reading of the same file, frame 0.
        using var imageSharp = ImageDecoding.LoadRgbOnWhite(stream.ToArray());
        Assert.Equal(0, PixelDifference.Of(ours, imageSharp).Max);
        Assert.True(PixelDifference.Of(ours, firstOnly).Mean < 20, "the first frame, not the black second one");
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_not_filled_in()
    {
        using var scene = SyntheticImages.Scene(400, 300, seed: 8);
        var jpeg = Jpeg(scene);

        var e = Assert.Throws<InvalidDataException>(() =>
            SkiaImageDecoder.DecodeRgbOnWhite(jpeg[..(jpeg.Length / 2)], 224, SKEncodedImageFormat.Jpeg, long.MaxValue));
        Assert.Contains("ends before the image does", e.Message);
    }

    [Fact]
    public void Another_format_than_the_one_identified_is_refused()
    {
        var (png, _) = Translucent("png");
        var e = Assert.Throws<InvalidDataException>(() => SkiaImageDecoder.DecodeRgbOnWhite(png, 224, SKEncodedImageFormat.Jpeg, long.MaxValue));
        Assert.Contains("not Jpeg", e.Message);
    }

    [Fact]
    public void A_header_over_the_pixel_limit_is_refused_before_any_pixel_is_decoded()
    {
        using var scene = SyntheticImages.Scene(400, 300, seed: 9);
        var e = Assert.Throws<InvalidDataException>(() =>
            SkiaImageDecoder.DecodeRgbOnWhite(Jpeg(scene), 224, SKEncodedImageFormat.Jpeg, maxPixels: 400 * 300 - 1));
        Assert.Contains("400x300", e.Message);
    }

    /// <summary>A scene with a translucent band (alpha 100) and a transparent corner, in a lossless format.</summary>
    private static (byte[] Bytes, SKEncodedImageFormat Format) Translucent(string format)
    {
        using var scene = SyntheticImages.Scene(120, 80, seed: 10);
        using var rgba = scene.CloneAs<Rgba32>();
        for (int y = 0; y < 80; y++)
        for (int x = 0; x < 120; x++)
        {
            var p = rgba[x, y];
            rgba[x, y] = new Rgba32(p.R, p.G, p.B, x < 20 && y < 20 ? (byte)0 : y is >= 30 and < 50 ? (byte)100 : (byte)255);
        }
        using var stream = new MemoryStream();
        switch (format)
        {
            case "png": rgba.SaveAsPng(stream); return (stream.ToArray(), SKEncodedImageFormat.Png);
            case "gif": rgba.SaveAsGif(stream); return (stream.ToArray(), SKEncodedImageFormat.Gif);
            case "bmp": scene.SaveAsBmp(stream); return (stream.ToArray(), SKEncodedImageFormat.Bmp);
            default:
                rgba.SaveAsWebp(stream, new SixLabors.ImageSharp.Formats.Webp.WebpEncoder { FileFormat = SixLabors.ImageSharp.Formats.Webp.WebpFileFormatType.Lossless });
                return (stream.ToArray(), SKEncodedImageFormat.Webp);
        }
    }

    private static byte[] Jpeg(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90, ColorType = JpegColorType.YCbCrRatio420 });
        return stream.ToArray();
    }
}
