using System.CommandLine;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute tokenize: CLIP token ids of texts, as the text encoder receives them.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var texts = new Argument<string[]>("text") { Description = "One or more texts.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokenize", "Print, as JSON, the CLIP token ids of texts (start token, BPE ids, end token, zero padding).") { model, texts };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var spec = manifest.TextEncoder ?? throw new InvalidOperationException($"Model '{manifest.Id}' has no text encoder.");
            var tokenizer = ClipTokenizer.FromVocabularyFile(ModelManifestLoader.ResolveFile(manifest, spec.Vocabulary));
            JsonOutput.Write(new
            {
                model = manifest.Id,
                contextLength = spec.ContextLength,
                results = parse.GetValue(texts)!.Select(text =>
                {
                    var ids = tokenizer.Tokenize(text, spec.ContextLength);
                    var bpe = ids.Skip(1).TakeWhile(id => id != ClipTokenizer.EndOfTextId).ToArray();
                    return new { text, length = bpe.Length + 2, ids, pieces = bpe.Select(id => tokenizer.Decode([id])).ToArray() };
                }).ToArray(),
            });
            return 0;
        });
        return command;
    }
}
