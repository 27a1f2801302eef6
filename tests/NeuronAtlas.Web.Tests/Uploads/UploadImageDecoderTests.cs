using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuronAtlas.Web.Tests.Uploads;

public sealed class UploadImageDecoderTests
{
    private readonly UploadImageDecoder _decoder = new(Microsoft.Extensions.Options.Options.Create(new UploadOptions()));

    [Fact]
    public void A_large_jpeg_upload_is_decoded_at_the_smallest_scale_the_model_input_allows()
    {
        using var scene = SyntheticImages.Scene(1000, 750);
        using var stream = new MemoryStream();
        scene.SaveAsJpeg(stream);

        using var decoded = _decoder.Decode(_decoder.Inspect(stream.ToArray()), minShortSide: 224);

        Assert.Equal((500, 375), (decoded.Width, decoded.Height)); // 1/4 would be 250x188, short of 224
    }

    /// <summary>
    /// Skia ignores a PNG's eXIf chunk, but ImageSharp's AutoOrient honoured it for every format before uploads went
    /// through Skia; the header's orientation is applied, so lossless uploads decode exactly as they did.
    /// </summary>
    [Theory]
    [InlineData("png", 6)]
    [InlineData("png", 3)]
    [InlineData("webp", 6)]
    [InlineData("webp", 5)]
    public void A_turned_upload_is_turned_upright_as_before(string format, int orientation)
    {
        using var scene = SyntheticImages.Scene(240, 160);
        scene.Metadata.ExifProfile = new ExifProfile();
        scene.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)orientation);
        using var stream = new MemoryStream();
        if (format == "png") scene.SaveAsPng(stream);
        else scene.SaveAsWebp(stream, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });
        var bytes = stream.ToArray();

        using var decoded = _decoder.Decode(_decoder.Inspect(bytes), minShortSide: 224);

        using var before = Image.Load<Rgb24>(bytes);
        before.Mutate(x => x.AutoOrient());
        Assert.Equal((before.Width, before.Height), (decoded.Width, decoded.Height));
        Assert.Equal(0, PixelDifference.Of(decoded, before).Max);
    }
}
