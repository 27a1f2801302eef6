using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Rendering;

/// <summary>The datasets' JPEG encoding: fixed options, so the same pixels give the same bytes.</summary>
public static class JpegEncoding
{
    public static byte[] Encode(SKBitmap bitmap, int quality)
    {
        // 4:2:0 chroma subsampling is what libjpeg and most photo pipelines use; fixed for reproducibility.
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(options)
            ?? throw new InvalidOperationException("The JPEG encoder returned nothing.");
        return data.ToArray();
    }
}
