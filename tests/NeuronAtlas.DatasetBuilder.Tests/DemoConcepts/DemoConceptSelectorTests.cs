using NeuronAtlas.DatasetBuilder.DemoConcepts;

namespace NeuronAtlas.DatasetBuilder.Tests.DemoConcepts;

public class DemoConceptSelectorTests
{
    private static readonly string[] AllStyles = ["noto", "twemoji", "openmoji-color", "openmoji-line"];

    /// <summary>A hand-built concepts table: two groups, three subgroups, with rejects and shared words.</summary>
    private static readonly ConceptRow[] Table =
    [
        new("01", "cat face", "Animals", "mammal", AllStyles),
        new("02", "cat", "Animals", "mammal", AllStyles),          // one word: taken before "cat face" in its subgroup
        new("03", "dog", "Animals", "mammal", AllStyles),
        new("04", "spider", "Animals", "bug", AllStyles),
        new("05", "spider web", "Animals", "bug", AllStyles),       // shares "spider"
        new("06", "man cook", "Food", "dish", AllStyles),           // people variant
        new("07", "hot dog", "Food", "dish", AllStyles),            // shares "dog" with 03
        new("08", "taco", "Food", "dish", AllStyles),
        new("09", "flag: Chad", "Food", "dish", AllStyles),         // not letters only
        new("10", "bread", "Food", "dish", ["noto", "twemoji"]),   // missing styles
        new("11", "salt", "Food", "dish", AllStyles),
        new("12", "pie of fish", "Food", "dish", AllStyles),        // three words
        new("13", "bowl", "Food", "dish", AllStyles),
        new("14", "ant", "Animals", "bug", AllStyles),
        new("15", "ants", "Animals", "bug", AllStyles),             // plural of "ant"
    ];

    [Fact]
    public void TakesGroupsInTurnAndSubgroupsInTurnSkippingRejectsAndSharedWords()
    {
        // Animals: subgroups bug [spider, ant, spider web], mammal [cat, dog, cat face] -> spider, cat, ant, dog, (spider web), (cat face)
        // Food: dish [taco, salt, bowl, hot dog]; the rest are rejected by the rules.
        // Turns: Animals spider, Food taco, Animals cat, Food salt, Animals ant, Food bowl, Animals dog,
        //        Food hot dog (shares "dog": skipped, queue empty), Animals spider web (skipped), cat face (skipped).
        var chosen = DemoConceptSelector.Select(Table, 7).Select(c => c.Label);
        Assert.Equal(["spider", "taco", "cat", "salt", "ant", "bowl", "dog"], chosen);
    }

    [Fact]
    public void StopsAtTheRequestedCount() =>
        Assert.Equal(["spider", "taco", "cat"], DemoConceptSelector.Select(Table, 3).Select(c => c.Label));

    [Fact]
    public void AskingForMoreThanTheRulesAllowFailsAndSaysHowMany()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DemoConceptSelector.Select(Table, 8));
        Assert.Contains("Only 7 concepts", error.Message);
    }

    [Fact]
    public void UnseenWordsAreEveryFifthInSelectionOrderFromTheThird()
    {
        var selection = Enumerable.Range(0, 12).Select(i => new ConceptRow($"{i:00}", $"w{i}", "G", "s", AllStyles)).ToList();
        Assert.Equal(["w2", "w7"], DemoConceptSelector.UnseenWords(selection).Select(c => c.Label));
    }

    [Fact]
    public void ListFilesAreInConceptIdOrder()
    {
        var folder = Directory.CreateTempSubdirectory("demo-concepts-").FullName;
        try
        {
            var selection = DemoConceptSelector.Select(Table, 7);
            DemoConceptFiles.Write(folder, selection, DemoConceptSelector.UnseenWords(selection));
            Assert.Equal("cat\ndog\nspider\ntaco\nsalt\nbowl\nant\n", File.ReadAllText(Path.Combine(folder, DemoConceptFiles.ConceptsFile)));
            Assert.Equal("cat\n", string.Join("", DemoConceptFiles.Read(Path.Combine(folder, DemoConceptFiles.UnseenWordsFile)).Select(l => l + "\n")));
        }
        finally { Directory.Delete(folder, true); }
    }
}
