using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace NeuronAtlas.Core.Images;

/// <summary>Turns an image into the model's input tensor, exactly as the manifest says: resize, centre-crop, normalize.</summary>
public sealed class ImagePreprocessor(ModelManifest manifest)
{
    private readonly ModelInputNormalization _normalization = new(manifest);

    public int Width => manifest.Input.Width;
    public int Height => manifest.Input.Height;
    /// <summary>Floats per image: 3 x Height x Width.</summary>
    public int TensorLength => 3 * Width * Height;

    /// <summary>
    /// The smallest short side a decoder may hand over (<see cref="SkiaImageDecoder"/>'s reduced-scale JPEG decode):
    /// the size <see cref="ResizeAndCrop"/> resizes the short side to, so a reduced decode is never upscaled.
    /// </summary>
    public int DecodeShortSide => manifest.Preprocessing.Resize;

    /// <summary>Resizes the short side to the manifest's size and centre-crops. The source image is not changed.</summary>
    public Image<Rgb24> ResizeAndCrop(Image<Rgb24> image)
    {
        var p = manifest.Preprocessing;
        double scale = (double)p.Resize / Math.Min(image.Width, image.Height);
        int w = Math.Max(p.Crop, (int)Math.Round(image.Width * scale));
        int h = Math.Max(p.Crop, (int)Math.Round(image.Height * scale));
        IResampler sampler = p.ResizeMode == Models.ResizeMode.Bicubic ? KnownResamplers.Bicubic : KnownResamplers.Triangle;
        return image.Clone(ctx => ctx
            .Resize(new ResizeOptions { Size = new Size(w, h), Sampler = sampler, Mode = SixLabors.ImageSharp.Processing.ResizeMode.Stretch })
            .Crop(new Rectangle((w - p.Crop) / 2, (h - p.Crop) / 2, p.Crop, p.Crop)));
    }

    /// <summary>Writes the CHW tensor of an image already resized to the input size.</summary>
    public void WriteTensor(Image<Rgb24> cropped, Span<float> destination)
    {
        if (cropped.Width != Width || cropped.Height != Height)
            throw new ArgumentException($"Expected a {Width}x{Height} image, got {cropped.Width}x{cropped.Height}.");
        if (destination.Length < TensorLength)
            throw new ArgumentException($"Destination holds {destination.Length} floats; {TensorLength} are needed.");
        int plane = Width * Height;
        var pixels = System.Buffers.ArrayPool<Rgb24>.Shared.Rent(plane);
        try
        {
            cropped.CopyPixelDataTo(pixels.AsSpan(0, plane));
            _normalization.Apply(pixels.AsSpan(0, plane), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<Rgb24>.Shared.Return(pixels);
        }
    }

    public void Preprocess(Image<Rgb24> image, Span<float> destination)
    {
        using var cropped = ResizeAndCrop(image);
        WriteTensor(cropped, destination);
    }
}
