using System.CommandLine;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextVis;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute label-neurons: (re)label neurons CLIP-Dissect-style from the stored text-vis profiles.</summary>
internal static class LabelNeuronsCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var layers = new Option<string[]>("--layers") { Description = "Layer ids (default: the layers of the model's text-vis run).", AllowMultipleArgumentsPerToken = true };
        var concepts = new Option<string?>("--concepts") { Description = "Candidate labels, one per line (default: the text-vis vocabulary)." };
        var command = new Command("label-neurons", "Label each neuron with the concept whose CLIP similarity profile over the rendered phrases best matches its activations (CLIP-Dissect, cos³). Labels from notes are kept.")
        {
            model, catalog, provider, layers, concepts,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var db = CatalogDatabase.OpenForWriting(parse.GetValue(catalog)!);
            var run = new NeuronAtlas.Clip.TextVis.Storage.TextVisStore(db, manifest.Id).Run()
                ?? throw new InvalidOperationException($"'{manifest.Id}' has no text-vis run in the catalog. Run 'precompute text-vis' first.");
            var layerIds = TextVisCommand.LayerIds(parse.GetValue(layers)) ?? run.Layers.Split(',').ToList();
            IReadOnlyList<string>? conceptList = parse.GetValue(concepts) is { } file ? TextVisVocabulary.FromFile(file).Phrases : null;
            using var text = conceptList is null ? null : ClipTextEncoder.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) });
            var labels = ClipDissectLabeling.Apply(db, manifest.Id, layerIds, conceptList, text);
            foreach (var (layer, list) in labels)
                Console.WriteLine($"{layer}: {list.Count(x => x.Concept is not null)} of {list.Length} neurons labelled; " +
                                  $"median similarity {Median(list.Where(x => x.Concept is not null).Select(x => x.Similarity)):F3}.");
            return 0;
        });
        return command;
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
