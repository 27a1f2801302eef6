using System.CommandLine;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute embed-image: CLIP image embeddings, raw and unit-length.</summary>
internal static class EmbedImageCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider();
        var images = new Option<string[]>("--image") { Description = "Image files (repeat the option for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("embed-image", "Print, as JSON, the CLIP image embedding of images, preprocessed as the manifest says: 'raw' is the embedding tensor, 'embedding' the same divided by its norm.")
        {
            model, provider, images,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var files = parse.GetValue(images)!;
            using var logging = JsonOutput.StandardErrorLogging();
            using var encoder = ClipImageEncoder.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) }, logging.CreateLogger("precompute"));
            var decoded = files.Select(f => ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(f))).ToList();
            try
            {
                var raw = encoder.EmbedRaw(decoded);
                JsonOutput.Write(new
                {
                    model = manifest.Id,
                    dimensions = encoder.Dimensions,
                    results = files.Select((file, i) => new
                    {
                        image = file, norm = EmbeddingVectors.Norm(raw[i]), embedding = EmbeddingVectors.Normalized(raw[i]), raw = raw[i],
                    }).ToArray(),
                });
            }
            finally
            {
                foreach (var image in decoded) image.Dispose();
            }
            return 0;
        });
        return command;
    }
}
