using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// An upload decoded as the app decodes it for a model (<see cref="UploadImageDecoder"/> with the default limits, at the
/// model's reduced JPEG scale), so references of model answers start from the pixels the app sees. The decoding itself
/// is checked against PIL and ImageSharp in the Core and upload tests.
/// </summary>
public static class UploadDecoding
{
    private static readonly UploadImageDecoder Decoder = new(Microsoft.Extensions.Options.Options.Create(new UploadOptions()));

    public static Image<Rgb24> ForModel(byte[] upload, ModelManifest manifest) =>
        Decoder.Decode(Decoder.Inspect(upload), new ImagePreprocessor(manifest).DecodeShortSide);
}
