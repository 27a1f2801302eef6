using NeuronAtlas.Core.Activations;
using NeuronAtlas.Web.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Rendering;

public sealed class HeatmapRendererTests
{
    [Fact]
    public void Upsamples_the_map_with_opacity_following_the_activation()
    {
        // A 2x2 map: only the bottom-right cell fires; negative values are transparent.
        float[] map = [-1, 0, 0, 4];

        using var png = Image.Load<Rgba32>(HeatmapRenderer.RenderPng(map, 2, 2, fullScale: 4, width: 40, height: 40));

        Assert.Equal((40, 40), (png.Width, png.Height));
        Assert.Equal(0, png[0, 0].A);
        Assert.True(png[39, 39].A > 200);
        Assert.True(png[20, 20].A is > 0 and < 200, $"the centre blends the four cells (alpha {png[20, 20].A})");
    }

    [Fact]
    public void Dequantizes_bytes_to_the_stored_scale()
    {
        Assert.Equal([0f, 1f, 2f], SpatialMapQuantizer.Dequantize([0, 255 / 2 + 1, 255], 2f).Select(v => MathF.Round(v, 1)));
    }

    [Fact]
    public void Refuses_a_map_smaller_than_its_grid()
    {
        Assert.Throws<ArgumentException>(() => HeatmapRenderer.RenderPng(new float[3], 2, 2, 1, 8, 8));
    }
}
