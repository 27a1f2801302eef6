using System.CommandLine;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute embed-text: CLIP text embeddings, raw and unit-length.</summary>
internal static class EmbedTextCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider();
        var texts = new Argument<string[]>("text") { Description = "One or more texts.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("embed-text", "Print, as JSON, the CLIP text embedding of texts: 'raw' is text.onnx's output, 'embedding' the same divided by its norm.")
        {
            model, provider, texts,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var logging = JsonOutput.StandardErrorLogging();
            using var encoder = ClipTextEncoder.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) }, logging.CreateLogger("precompute"));
            var values = parse.GetValue(texts)!;
            var raw = encoder.EmbedRaw(values);
            JsonOutput.Write(new
            {
                model = manifest.Id,
                dimensions = encoder.Dimensions,
                results = values.Select((text, i) => new
                {
                    text, ids = encoder.Tokenize(text), norm = EmbeddingVectors.Norm(raw[i]), embedding = EmbeddingVectors.Normalized(raw[i]), raw = raw[i],
                }).ToArray(),
            });
            return 0;
        });
        return command;
    }
}
