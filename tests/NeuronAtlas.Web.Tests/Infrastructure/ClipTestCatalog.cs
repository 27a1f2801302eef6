using Microsoft.Data.Sqlite;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Tests.TestData;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// A tiny random CLIP (tools/clip_export --random-init RN-tiny, made once per machine by <see cref="ClipTestExports"/>)
/// in a models folder of its own, beside the embedded ResNet18's manifest, and a catalog of the CLIP model's layers
/// with known labels: "spider" (automatic) on <see cref="SpiderNeuron"/>, "spider web" on <see cref="SpiderWebNeuron"/>,
/// "pizza" (a note) on <see cref="PizzaNeuron"/>, and 16 text examples for the spider neuron.
/// Needs /usr/bin/python3 with torch and onnx; without them the tests fail and name the packages.
/// </summary>
public sealed class ClipTestCatalog : IDisposable
{
    public const string Model = "clip-rn-tiny";
    public const string Layer = "image_block_4_1";
    public const string LowerLayer = "image_stage_3";
    public const int SpiderNeuron = 7;
    public const int SpiderWebNeuron = 20;
    public const int PizzaNeuron = 30;
    public static readonly IReadOnlyList<string> SpiderPhrases = ["spider", "tarantula", "web", "eight legs"];

    private readonly string _directory;

    public string Path { get; }
    public string ModelsDirectory { get; }
    public string ZeroShotCacheDirectory { get; }
    public ModelManifest Manifest { get; }

    public ClipTestCatalog()
    {
        var export = ClipTestExports.TinyResNetDirectory;
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neuronatlas-web-clip-tests-" + Guid.NewGuid().ToString("N"));
        ModelsDirectory = System.IO.Path.Combine(_directory, "models");
        ZeroShotCacheDirectory = System.IO.Path.Combine(_directory, "zero-shot-cache");
        var clipFolder = Directory.CreateDirectory(System.IO.Path.Combine(ModelsDirectory, Model)).FullName;
        foreach (var file in Directory.EnumerateFiles(export))
            File.CreateSymbolicLink(System.IO.Path.Combine(clipFolder, System.IO.Path.GetFileName(file)), file);
        var resnetFolder = Directory.CreateDirectory(System.IO.Path.Combine(ModelsDirectory, TestCatalog.Model)).FullName;
        File.Copy(System.IO.Path.Combine(AtlasPaths.FindRoot(), "data", "models", TestCatalog.Model, "manifest.json"),
            System.IO.Path.Combine(resnetFolder, "manifest.json"));
        Manifest = ModelManifestLoader.Load(System.IO.Path.Combine(clipFolder, "manifest.json"));
        if (Manifest.Id != Model) throw new InvalidOperationException($"The tiny CLIP export is '{Manifest.Id}', not '{Model}'.");

        Path = System.IO.Path.Combine(_directory, "atlas.db");
        using var db = CatalogDatabase.OpenForWriting(Path);
        var images = Enumerable.Range(0, 4).Select(i => TestCatalog.SolidPng(32, new Rgb24((byte)(60 * i), 120, 80))).ToList();
        foreach (var png in images)
            db.Images.Add(new DatasetImage
            {
                Hash = TestCatalog.HashOf(png), Label = "swatch", Concept = "swatch", Thumbnail = png, ThumbnailContentType = "image/png",
                ThumbnailWidth = 32, ThumbnailHeight = 32,
            });
        db.Models.Add(CreateModel(images.Select(TestCatalog.HashOf).ToList()));
        db.SaveChanges();
        var spider = db.Neurons.Single(n => n.Layer!.LayerId == Layer && n.Index == SpiderNeuron);
        for (int rank = 0; rank < SpiderPhrases.Count; rank++)
            db.TextExamples.Add(new NeuronTextExample { NeuronId = spider.Id, Rank = rank, Text = SpiderPhrases[rank], Score = 2f - rank / 4f });
        db.SaveChanges();
        SqliteConnection.ClearAllPools();
    }

    private AtlasModel CreateModel(IReadOnlyList<string> imageHashes)
    {
        var model = new AtlasModel
        {
            Id = Model, DisplayName = Manifest.DisplayName, Description = Manifest.Description, Licence = Manifest.Licence, Source = Manifest.Source,
            InputWidth = Manifest.Input.Width, InputHeight = Manifest.Input.Height, HasTextEncoder = true, ManifestJson = Manifest.ToJson(),
            DatasetName = "swatches", DatasetImageCount = imageHashes.Count, ComputedAt = TestCatalog.ComputedAt,
        };
        int order = 0;
        foreach (var manifestLayer in new[] { Manifest.GetLayer(LowerLayer), Manifest.GetLayer(Layer) })
        {
            var layer = new AtlasLayer
            {
                ModelId = Model, LayerId = manifestLayer.Id, DisplayName = manifestLayer.DisplayName, TensorName = manifestLayer.Tensor,
                Channels = manifestLayer.Channels, Height = manifestLayer.Height, Width = manifestLayer.Width, Order = order++,
            };
            for (int i = 0; i < manifestLayer.Channels; i++)
                layer.Neurons.Add(new Neuron { Index = i, Max = 1f + i % 7 / 8f, Mean = 0.5f, Std = 0.25f, ActiveFraction = 0.5f, TopImageHash = imageHashes[i % imageHashes.Count] });
            model.Layers.Add(layer);
        }
        var top = model.Layers.Single(l => l.LayerId == Layer).Neurons;
        (top[SpiderNeuron].Label, top[SpiderNeuron].LabelSource, top[SpiderNeuron].LabelConfidence) = ("spider", "auto", 0.5f);
        (top[SpiderWebNeuron].Label, top[SpiderWebNeuron].LabelSource, top[SpiderWebNeuron].LabelConfidence) = ("spider web", "auto", 0.3f);
        (top[PizzaNeuron].Label, top[PizzaNeuron].LabelSource) = ("pizza", "note");
        return model;
    }

    /// <summary>App settings that point the app at this catalog, its models folder and a private zero-shot cache.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Atlas:ModelsDirectory"] = ModelsDirectory,
        ["ZeroShot:CacheDirectory"] = ZeroShotCacheDirectory,
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* a pooled handle may linger on some platforms */ }
    }
}
