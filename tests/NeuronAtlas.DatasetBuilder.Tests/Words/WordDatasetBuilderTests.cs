using NeuronAtlas.Core.Datasets;
using NeuronAtlas.DatasetBuilder.Output;
using NeuronAtlas.DatasetBuilder.Verification;
using NeuronAtlas.DatasetBuilder.Words;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

public class WordDatasetBuilderTests : IClassFixture<WordDatasetFixture>
{
    private readonly WordDatasetFixture _fixture;
    private readonly WordsOptions _first;

    public WordDatasetBuilderTests(WordDatasetFixture fixture)
    {
        _fixture = fixture;
        _first = fixture.Options("first");
        lock (fixture)
            if (!Directory.Exists(_first.TrainingOutput))
                WordDatasetBuilder.Build(_first, TextWriter.Null);
    }

    [Fact]
    public void TheEvaluationSetLoadsLikeTheEmojiDatasetWithEveryConceptInEveryHeldOutFont()
    {
        using var source = new ZipDatasetSource(_first.EvaluationOutput);
        var records = Enumerable.Range(0, source.Count).Select(source.Describe).ToList();
        Assert.Equal(WordDatasetFixture.Concepts.Length * HeldOutFonts.All.Count, records.Count);
        foreach (var label in WordDatasetFixture.Concepts)
            Assert.Equal(HeldOutFonts.All.Select(f => "word-" + f.Stem).Order(), records.Where(r => r.Label == label).Select(r => r.Style).Order());
        Assert.Contains(records, r => r is { File: "1f32d-word-FreeSerif.jpg", Label: "hot dog", Concept: "1f32d", Style: "word-FreeSerif", Source: "fonts-freefont-ttf" });

        using var image = Image.Load<Rgb24>(source.ReadBytes(0));
        Assert.Equal((128, 128), (image.Width, image.Height));
    }

    [Fact]
    public void LabelsCsvEndsWithTheRenderedText()
    {
        var rows = CsvFormat.Parse(File.ReadAllText(Path.Combine(_first.TrainingOutput, "labels.csv")));
        Assert.Equal(["file", "label", "concept", "style", "source", "text"], rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Equal(6, r.Length));
        // Evaluation words are the label as it is; training words the label or its rarer word, in a letter case.
        Assert.All(CsvFormat.Parse(File.ReadAllText(Path.Combine(_first.EvaluationOutput, "labels.csv"))).Skip(1), r => Assert.Equal(r[1], r[5]));
        var hotDog = rows.Skip(1).Where(r => r[1] == "hot dog").Select(r => r[5]).ToList();
        Assert.Equal(18, hotDog.Count(t => t.Equals("hot dog", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(6, hotDog.Count(t => t.Equals("hot", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(["HOT DOG", "Hot Dog", "Hot dog", "hot dog"], hotDog.Where(t => t.Length > 3).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheTrainingSetHasTwentyFourRendersOfEachTrainedConceptAndNoneOfTheUnseenOnes()
    {
        using var source = new ZipDatasetSource(_first.TrainingOutput);
        var perLabel = Enumerable.Range(0, source.Count).Select(source.Describe).GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["hot dog"] = 24, ["taco"] = 24 }, perLabel);
    }

    [Fact]
    public void BothSetsPassTheDatasetVerifier()
    {
        foreach (var directory in new[] { _first.EvaluationOutput, _first.TrainingOutput })
        {
            var result = DatasetVerifier.Verify(directory);
            Assert.Empty(result.Problems);
        }
    }

    [Fact]
    public void TheSameCommandWritesTheSameBytes()
    {
        var second = _fixture.Options("second");
        WordDatasetBuilder.Build(second, TextWriter.Null);
        foreach (var (a, b) in new[] { (_first.EvaluationOutput, second.EvaluationOutput), (_first.TrainingOutput, second.TrainingOutput) })
            foreach (var file in new[] { "dataset.json", "labels.csv", "images.zip" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
    }

    [Fact]
    public void MissingTrainingFontsNameTheDebianPackagesToInstall()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => TrainingFonts.Resolve(empty));
            Assert.Contains($"{TrainingFonts.All.Count} of the {TrainingFonts.All.Count} training fonts are missing", error.Message);
            Assert.Contains("apt-get install -y fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-freefont-ttf", error.Message);
            Assert.Contains("fonts-urw-base35", error.Message);
        }
        finally { Directory.Delete(empty); }
    }
}
