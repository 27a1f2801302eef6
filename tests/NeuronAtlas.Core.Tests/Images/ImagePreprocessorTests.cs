using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Core.Tests.TestData;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Core.Tests.Images;

public class ImagePreprocessorTests
{
    private static readonly ModelManifest Clip = TestModels.ResNet18() with
    {
        Input = new ModelInput { Name = "image", Width = 8, Height = 8, ChannelOrder = ChannelOrder.Rgb },
        Preprocessing = new Preprocessing
        {
            Resize = 8, Crop = 8, ResizeMode = ResizeMode.Bicubic,
            Mean = [0.48145466f, 0.4578275f, 0.40821073f], Std = [0.26862954f, 0.26130258f, 0.27577711f],
        },
    };

    [Fact]
    public void Normalizes_with_the_manifests_mean_and_std_in_RGB_order()
    {
        using var image = new Image<Rgb24>(20, 20, new Rgb24(200, 100, 50));
        var tensor = new float[3 * 64];
        new ImagePreprocessor(Clip).Preprocess(image, tensor);
        float[] rgb = [200, 100, 50];
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 64; i++)
            Assert.Equal((rgb[c] / 255f - Clip.Preprocessing.Mean[c]) / Clip.Preprocessing.Std[c], tensor[c * 64 + i], 4);
    }

    [Fact]
    public void ResNet18_gets_BGR_pixels_minus_its_channel_means()
    {
        var manifest = TestModels.ResNet18();
        using var image = new Image<Rgb24>(300, 300, new Rgb24(10, 120, 250));
        var tensor = new float[3 * 224 * 224];
        new ImagePreprocessor(manifest).Preprocess(image, tensor);
        int plane = 224 * 224;
        // The CNTK model subtracts ImageNet means from 0..255 BGR values: channel 0 is blue (250), channel 2 red (10).
        Assert.Equal(250 - 103.06262f, tensor[0 * plane + 500], 2);
        Assert.Equal(120 - 115.902885f, tensor[1 * plane + 500], 2);
        Assert.Equal(10 - 123.15163f, tensor[2 * plane + 500], 2);
    }

    [Fact]
    public void Resizes_the_short_side_and_crops_the_centre()
    {
        // 24x8: after resizing the short side to 8 nothing changes; the centre crop keeps columns 8..15 (green).
        using var image = new Image<Rgb24>(24, 8);
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 24; x++)
            image[x, y] = x < 8 ? new Rgb24(255, 0, 0) : x < 16 ? new Rgb24(0, 255, 0) : new Rgb24(0, 0, 255);
        using var cropped = new ImagePreprocessor(Clip).ResizeAndCrop(image);
        Assert.Equal((8, 8), (cropped.Width, cropped.Height));
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            Assert.Equal(new Rgb24(0, 255, 0), cropped[x, y]);
    }

    [Fact]
    public void Scales_a_large_image_so_the_short_side_matches()
    {
        using var image = SyntheticImages.Create(1, 640, 480);
        using var cropped = new ImagePreprocessor(TestModels.ResNet18()).ResizeAndCrop(image);
        Assert.Equal((224, 224), (cropped.Width, cropped.Height));
    }
}
