using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using NeuronAtlas.Clip.Findings;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Catalog;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Precompute.Tests.Clip;

public class FindingsCliTests
{
    // Two emoji subgroups of four concepts each, so that the probes have two classes; "melon" is an unseen word.
    private static readonly string[] Concepts = ["ant", "honeybee", "spider", "snail", "grapes", "melon", "watermelon", "tangerine"];
    private static readonly string[] Fonts = ["LiberationSans-Bold", "DejaVuSansMono"];

    [Fact]
    public void Stores_the_findings_of_a_model_and_a_baseline_and_writes_markdown()
    {
        var work = Directory.CreateTempSubdirectory("neuronatlas-findings-").FullName;
        var model = ModelFolder(work);
        var words = WordsDataset(work);
        var catalog = Path.Combine(work, "atlas.db");
        var markdown = Path.Combine(work, "findings.md");
        var json = Path.Combine(work, "findings.json");

        var (code, output) = PrecomputeProcess.Run("findings", "--model", model, "--baseline", ClipTestExports.TinyResNetDirectory,
            "--templates", Path.Combine(model, "prompts.txt"), "--words", words, "--catalog", catalog, "--markdown", markdown, "--json", json,
            "--concepts", Path.Combine(model, "concepts.txt"));

        Assert.True(code == 0, output);
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var stored = Assert.Single(db.Findings.ToList()).Json;
        Assert.Equal(stored, File.ReadAllText(json));
        var report = FindingsReport.FromJson(stored);
        SqliteConnection.ClearAllPools();
        Assert.Equal("clip-rn-tiny", report.Model);
        Assert.Equal(8, report.Setup.Concepts);
        Assert.Equal(1, report.Setup.UnseenWordConcepts);
        Assert.Equal(32, report.Setup.Pictures);
        Assert.Equal(16, report.Setup.Words);
        Assert.Equal(256, report.Figures.LastBlock.Census.UnitCount);
        Assert.Equal(32, report.Figures.AttentionPool.Census.UnitCount);
        Assert.NotNull(report.Figures.AttentionPool.Rotation);
        Assert.Null(report.Figures.LastBlock.Rotation);
        Assert.Equal(200, report.Figures.LastBlock.Shuffle.Runs);
        Assert.Equal([8, 16, 2, 24], report.Figures.ZeroShot.Select(z => z.Images));
        var baseline = Assert.Single(report.Baselines);
        Assert.Equal(report.Figures.ZeroShot.Select(z => z.Top1), baseline.ZeroShot.Select(z => z.Top1)); // the same weights
        Assert.Equal(["animal-bug", "food-fruit"], report.Setup.ProbeClasses);
        Assert.Equal([3, 5, 10], report.Probes.Budgets.Select(b => b.Units));
        Assert.All(report.Probes.Budgets, b => Assert.All(b.Classes, c => Assert.True(c.Weights.Count <= b.Units)));
        Assert.Equal(8, report.Probes.TestCount);
        Assert.Equal(256, report.Families.Sum(f => f.Units.Count));
        // One row per text height (the defaults: a small label and the spike's 30 % strip) and picture style.
        Assert.Equal(["openmoji-line 0.14", "noto 0.14", "openmoji-line 0.3", "noto 0.3"],
            report.Typographic!.Rows.Select(r => $"{r.Style} {r.TextSize.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}"));
        var text = File.ReadAllText(markdown);
        Assert.Contains("## Multimodal census", text);
        Assert.Contains("## Neuron families", text);
    }

    [Fact]
    public void A_concept_missing_from_the_emoji_dataset_is_named()
    {
        var work = Directory.CreateTempSubdirectory("neuronatlas-findings-").FullName;
        var model = ModelFolder(work);
        File.AppendAllText(Path.Combine(model, "concepts.txt"), "flux capacitor\n");

        var (code, output) = PrecomputeProcess.Run("findings", "--model", model, "--words", WordsDataset(work), "--catalog", Path.Combine(work, "atlas.db"));

        Assert.NotEqual(0, code);
        Assert.Contains("flux capacitor", output);
    }

    private static string ModelFolder(string work)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "model")).FullName;
        foreach (var file in Directory.EnumerateFiles(ClipTestExports.TinyResNetDirectory))
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
        File.WriteAllLines(Path.Combine(folder, "concepts.txt"), Concepts);
        File.WriteAllLines(Path.Combine(folder, "unseen-words.txt"), ["melon"]);
        File.WriteAllLines(Path.Combine(folder, "prompts.txt"), ["{}", "the word {}"]);
        return folder;
    }

    /// <summary>Each concept's label in two shipped fonts, black on white, in the packaged dataset format.</summary>
    private static string WordsDataset(string work)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "words")).FullName;
        using var fonts = FontLibrary.Shipped(AtlasPaths.FindRoot());
        var attack = new TypographicAttack(fonts);
        var csv = new StringBuilder("file,label,concept,style,source,text\n");
        using (var zip = ZipFile.Open(Path.Combine(folder, "images.zip"), ZipArchiveMode.Create))
            foreach (var label in Concepts)
                foreach (var font in Fonts)
                {
                    int index = fonts.Files.Select(Path.GetFileNameWithoutExtension).ToList().IndexOf(font);
                    using var paper = new Image<Rgb24>(128, 128, new Rgb24(255, 255, 255));
                    using var word = attack.Render(paper, new TypographicLabel { Text = label, Font = index, Y = 0.5f, Background = null });
                    var name = $"{label}-{font}.png";
                    using (var stream = zip.CreateEntry(name).Open()) word.SaveAsPng(stream);
                    csv.Append($"{name},{label},{label},word-{font},test,{label}\n");
                }
        File.WriteAllText(Path.Combine(folder, "labels.csv"), csv.ToString());
        return folder;
    }
}
