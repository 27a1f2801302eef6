using NeuronAtlas.Core.Datasets;
using NeuronAtlas.DatasetBuilder.DemoConcepts;
using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

/// <summary>The shipped files agree with each other and with the rules that built them.</summary>
public class ShippedWordDatasetTests
{
    private static readonly string Root = WordDatasetFixture.RepoRoot;
    private static readonly string ModelDirectory = Path.Combine(Root, new ConceptListOptions().ModelDirectory);

    [Fact]
    public void TheShippedConceptListsAreWhatTheRulesChooseFromTheEmojiDataset()
    {
        var table = ConceptTable.Read(Path.Combine(Root, "data", "datasets", "emoji", "concepts.csv"));
        var selection = DemoConceptSelector.Select(table, DemoConceptSelector.DefaultCount);
        var byId = selection.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Label);
        Assert.Equal(byId, DemoConceptFiles.Read(Path.Combine(ModelDirectory, DemoConceptFiles.ConceptsFile)));
        Assert.Equal(DemoConceptSelector.UnseenWords(selection).OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Label),
            DemoConceptFiles.Read(Path.Combine(ModelDirectory, DemoConceptFiles.UnseenWordsFile)));
    }

    [Fact]
    public void TheShippedWordDatasetHasEveryConceptInEveryHeldOutFont()
    {
        var concepts = DemoConceptFiles.Read(Path.Combine(ModelDirectory, DemoConceptFiles.ConceptsFile));
        using var source = new ZipDatasetSource(Path.Combine(Root, new WordsOptions().EvaluationOutput));
        var records = Enumerable.Range(0, source.Count).Select(source.Describe).ToList();
        Assert.Equal(concepts.Count * HeldOutFonts.All.Count, records.Count);
        Assert.Equal(concepts.Order(StringComparer.Ordinal), records.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal));
        Assert.All(records.GroupBy(r => r.Label), g => Assert.Equal(HeldOutFonts.All.Count, g.Select(r => r.Style).Distinct().Count()));
    }

    [Fact]
    public void TheEmbeddedDemoClipsJoinedDatasetReadsThePicturesThenTheWords()
    {
        using var pictures = new ZipDatasetSource(Path.Combine(Root, "data", "datasets", "emoji"));
        using var joined = ImageSources.Open("emoji+emoji-words", Root);
        Assert.Equal(pictures.Count + 300 * HeldOutFonts.All.Count, joined.Count);
        Assert.Equal("word-DejaVuSansCondensed", joined.Describe(pictures.Count).Style);
    }
}
