using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.TestData;

/// <summary>A fresh catalog with a dataset pass of the tiny CLIP export over synthetic images (layer image_block_4_1, 256 neurons).</summary>
public static class TinyClipCatalog
{
    public const string Layer = "image_block_4_1";

    public static string Create(int images = 24)
    {
        var manifest = ClipTestExports.TinyResNet();
        var folder = SyntheticImages.WriteFolder(images, seed: 9);
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-clip-catalog-").FullName, "atlas.db");
        using var source = new FolderImageSource(folder);
        var options = new DatasetPassOptions { Model = manifest, CatalogPath = catalog, Layers = [Layer], TopK = 4, BatchSize = 8 };
        new DatasetPass(options).RunAsync(source).GetAwaiter().GetResult();
        return catalog;
    }

    /// <summary>The first phrases of the shipped vocabulary.</summary>
    public static IReadOnlyList<string> Phrases(int count) =>
        NeuronAtlas.Clip.TextVis.TextVisVocabulary.FromFile(NeuronAtlas.Clip.TextVis.TextVisVocabulary.ShippedPath(ClipTestExports.RepoRoot)).Phrases.Take(count).ToList();

    public static string FontsDirectory => Path.Combine(ClipTestExports.RepoRoot, "data", "fonts");
}
