using System.CommandLine;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.NeuronLabels;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute search-neurons: the neuron search the web app offers, from the command line.</summary>
internal static class SearchNeuronsCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var layer = new Option<string?>("--layer") { Description = "Only this layer." };
        var limit = new Option<int>("--limit") { Description = "Hits to print.", DefaultValueFactory = _ => 10 };
        var query = new Argument<string>("query") { Description = "What to look for, e.g. spider." };
        var command = new Command("search-neurons", "Print, as JSON, the neurons that best match a text: CLIP similarity to their labels and top phrases, plus label matches.")
        {
            model, catalog, provider, layer, limit, query,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(parse.GetValue(catalog)!));
            using var text = ClipModel.IsClip(manifest) ? ClipTextEncoder.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) }) : null;
            var index = NeuronSearchIndex.Build(db, manifest.Id, text);
            JsonOutput.Write(new
            {
                model = manifest.Id, query = parse.GetValue(query), neurons = index.NeuronCount,
                hits = index.Search(parse.GetValue(query)!, TextVisCommand.Positive(parse.GetValue(limit), "--limit"), parse.GetValue(layer)),
            });
            return 0;
        });
        return command;
    }
}
