using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// A small catalog with known content in a temporary SQLite file: the real ResNet18 layers (every neuron, with
/// made-up stats), 20 solid-colour dataset images (one flagged), 16 ranked examples for layer4 neurons 0-9,
/// a note with hostile Markdown on layer4/3, a feature visualization with four facets for layer4/1, an automatic
/// label ("spider") with 16 text examples on layer4/2, and a second tiny model.
/// </summary>
public sealed class TestCatalog : IDisposable
{
    public const string Model = "resnet18";
    public const string TinyModel = "tinynet";
    public const int ExampleCount = 16;
    public const int NeuronsWithExamples = 10;
    public const int ImageCount = 20;
    public const int FlaggedImage = 5;
    public const int LabelledNeuron = 3;
    public const string NoteLabel = "test circles";
    public const int VisualizedNeuron = 1;
    public const float VisualizationActivation = 7.25f;
    public const int FacetCount = 4;
    public const int AutoLabelledNeuron = 2;
    public const string AutoLabel = "spider";
    public const float AutoLabelConfidence = 0.42f;

    /// <summary>The text examples of <see cref="AutoLabelledNeuron"/>, rank 0 first; phrase i scores 3 - i/8.</summary>
    public static readonly IReadOnlyList<string> TextExamples =
    [
        "spider", "tarantula", "web", "spider web", "arachnid", "eight legs", "cobweb", "halloween",
        "insect", "bug", "creepy", "scorpion", "crab", "ant", "beetle", "night",
    ];
    public static readonly DateTimeOffset ComputedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public const string NoteMarkdown =
        "Fires on **round things**.\n\n<script>alert('pwned')</script>\n\n<b onclick=\"x()\">raw</b> " +
        "[bad link](javascript:alert(1)) and [good link](https://example.org/circles).";

    private readonly string _directory;

    public string Path { get; }
    public IReadOnlyList<string> ImageHashes { get; }
    public string FeatureVisualizationHash { get; }
    public IReadOnlyList<string> FacetHashes { get; }
    public ModelManifest Manifest { get; }

    public TestCatalog()
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neuronatlas-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "atlas.db");
        Manifest = ModelManifestLoader.Load(System.IO.Path.Combine(AtlasPaths.FindRoot(), "data", "models", Model, "manifest.json"));

        using var db = CatalogDatabase.OpenForWriting(Path);
        var images = Enumerable.Range(0, ImageCount).Select(CreateImage).ToList();
        db.Images.AddRange(images);
        ImageHashes = images.Select(i => i.Hash).ToList();
        db.Models.Add(CreateResNet());
        db.Models.Add(CreateTinyNet());
        db.Findings.Add(new ModelFindings { ModelId = Model, Json = TestFindings.Report.ToJson(), ComputedAt = ComputedAt });
        db.Notes.Add(new NeuronNote { ModelId = Model, LayerId = "layer4", NeuronIndex = LabelledNeuron, Label = NoteLabel, Markdown = NoteMarkdown, SourceFile = "resnet18/layer4/3.md" });
        db.SaveChanges();

        var visPng = SolidPng(32, new Rgb24(200, 40, 160));
        FeatureVisualizationHash = HashOf(visPng);
        var visNeuron = db.Neurons.Single(n => n.Layer!.ModelId == Model && n.Layer.LayerId == "layer4" && n.Index == VisualizedNeuron);
        db.FeatureVisualizations.Add(new FeatureVisualization
        {
            NeuronId = visNeuron.Id, Hash = FeatureVisualizationHash, Png = visPng, Size = 32, Steps = 1, Activation = VisualizationActivation,
        });
        var facets = Enumerable.Range(0, FacetCount).Select(f => SolidPng(32, new Rgb24((byte)(40 * f), 90, 200))).ToList();
        FacetHashes = facets.Select(HashOf).ToList();
        for (int f = 0; f < FacetCount; f++)
            db.FeatureVisualizations.Add(new FeatureVisualization
            {
                NeuronId = visNeuron.Id, Facet = f, Hash = FacetHashes[f], Png = facets[f], Size = 32, Steps = 1, Activation = FacetActivation(f),
            });
        var labelled = db.Neurons.Single(n => n.Layer!.ModelId == Model && n.Layer.LayerId == "layer4" && n.Index == AutoLabelledNeuron);
        for (int rank = 0; rank < TextExamples.Count; rank++)
            db.TextExamples.Add(new NeuronTextExample { NeuronId = labelled.Id, Rank = rank, Text = TextExamples[rank], Score = TextScore(rank) });
        db.SaveChanges();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Dataset maximum of a neuron's mean activation, as stored: varied so the lookup's relative ranking matters.</summary>
    public static float MaxOf(string layerId, int index) => 0.5f + (index * 37 + layerId.Length * 11) % 23 / 4f;

    public static float FacetActivation(int facet) => 6f - facet / 4f;

    public static float TextScore(int rank) => 3f - rank / 8f;

    public static float ActivationOf(string layerId, int index, int rank) => MaxOf(layerId, index) - rank * 0.03125f;

    /// <summary>The image at a given rank of a layer4 neuron with examples.</summary>
    public string ExampleImage(int neuron, int rank) => ImageHashes[(neuron + rank) % ImageCount];

    private AtlasModel CreateResNet()
    {
        var model = new AtlasModel
        {
            Id = Model, DisplayName = "ResNet18 (ImageNet)", Description = "Test copy of the embedded model.", Licence = "MIT",
            Source = "test", InputWidth = 224, InputHeight = 224, ManifestJson = Manifest.ToJson(), DatasetName = "test-colours",
            DatasetImageCount = ImageCount, ComputedAt = ComputedAt,
        };
        int order = 0;
        foreach (var manifestLayer in Manifest.Layers)
        {
            var layer = new AtlasLayer
            {
                ModelId = Model, LayerId = manifestLayer.Id, DisplayName = manifestLayer.DisplayName, TensorName = manifestLayer.Tensor,
                Channels = manifestLayer.Channels, Height = manifestLayer.Height, Width = manifestLayer.Width, Order = order++,
                Description = manifestLayer.Description,
            };
            for (int i = 0; i < manifestLayer.Channels; i++) layer.Neurons.Add(CreateNeuron(layer, i));
            model.Layers.Add(layer);
        }
        return model;
    }

    private Neuron CreateNeuron(AtlasLayer layer, int index)
    {
        var counts = new int[ActivationHistogram.BinCount];
        counts[ActivationHistogram.ZeroBin] = 3 + index % 5;
        counts[ActivationHistogram.BinOf(0.3f)] = 10;
        counts[ActivationHistogram.BinOf(MaxOf(layer.LayerId, index))] = 2;
        var neuron = new Neuron
        {
            Index = index, Mean = 0.25f + index / 1000f, Std = 0.125f, Max = MaxOf(layer.LayerId, index), ActiveFraction = 0.75f,
            Histogram = ActivationHistogram.Encode(counts), TopImageHash = ImageHashes[index % ImageCount],
        };
        if (layer.LayerId == "layer4" && index == LabelledNeuron) (neuron.Label, neuron.LabelSource) = (NoteLabel, "note"); // as NotesImporter does
        if (layer.LayerId == "layer4" && index == AutoLabelledNeuron)
            (neuron.Label, neuron.LabelSource, neuron.LabelConfidence) = (AutoLabel, "auto", AutoLabelConfidence); // as CLIP-Dissect labelling does
        if (layer.LayerId == "layer4" && index < NeuronsWithExamples)
        {
            neuron.TopImageHash = ExampleImage(index, 0);
            for (int rank = 0; rank < ExampleCount; rank++)
                neuron.Examples.Add(new NeuronExample
                {
                    Rank = rank, ImageHash = ExampleImage(index, rank), Activation = ActivationOf(layer.LayerId, index, rank),
                    SpatialMap = Enumerable.Range(0, layer.Width * layer.Height).Select(p => (byte)(p * 5)).ToArray(), MapMax = 2f,
                });
        }
        return neuron;
    }

    private static AtlasModel CreateTinyNet()
    {
        var layer = new AtlasLayer { ModelId = TinyModel, LayerId = "conv1", DisplayName = "conv1", TensorName = "conv1_out", Channels = 4, Height = 2, Width = 2 };
        for (int i = 0; i < 4; i++) layer.Neurons.Add(new Neuron { Index = i, Max = 1 });
        return new AtlasModel
        {
            Id = TinyModel, DisplayName = "TinyNet", Description = "A model with a catalog but no manifest.", ComputedAt = ComputedAt.AddDays(-1),
            Layers = [layer],
        };
    }

    private static DatasetImage CreateImage(int i)
    {
        var colour = new Rgb24((byte)(i * 12), (byte)(255 - i * 12), (byte)(i * 40 % 256));
        using var image = new Image<Rgb24>(64, 64, colour);
        using var jpeg = new MemoryStream();
        image.SaveAsJpeg(jpeg);
        var bytes = jpeg.ToArray();
        return new DatasetImage
        {
            Hash = HashOf(bytes), Label = $"colour {i}", Concept = $"colour {i}", Thumbnail = bytes, ThumbnailContentType = "image/jpeg",
            ThumbnailWidth = 64, ThumbnailHeight = 64, Flagged = i == FlaggedImage,
        };
    }

    public static byte[] SolidPng(int size, Rgb24 colour)
    {
        using var image = new Image<Rgb24>(size, size, colour);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* a pooled handle may linger on some platforms */ }
    }
}
