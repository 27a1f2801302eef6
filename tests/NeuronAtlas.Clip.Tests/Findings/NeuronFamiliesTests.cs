using NeuronAtlas.Clip.Findings;

namespace NeuronAtlas.Clip.Tests.Findings;

public sealed class NeuronFamiliesTests
{
    [Fact]
    public void A_unit_joins_the_group_most_of_its_five_strongest_concepts_belong_to()
    {
        // Concepts 0-5 are animals, 6-11 food. Unit 0 likes 0,1,2 then 6,7 (3 animals): animals.
        // Unit 1 likes 6 most, then 0,1,2 and 7 (3 animals, 2 food): animals, though its top concept is food.
        var concepts = Enumerable.Range(0, 12).Select(i => new Concept(i, $"c{i}", i < 6 ? "animals" : "food", "s", false, false)).ToList();
        var rows = Enumerable.Range(0, 12).Select(_ => new float[] { 0, 0, 0 }).ToArray();
        foreach (var (c, v) in new[] { (0, 9f), (1, 8f), (2, 7f), (6, 6f), (7, 5f) }) rows[c][0] = v;
        foreach (var (c, v) in new[] { (6, 9f), (0, 8f), (1, 7f), (2, 6f), (7, 5f) }) rows[c][1] = v;
        foreach (var (c, v) in new[] { (8, 9f), (9, 8f), (10, 7f), (0, 6f), (1, 5f) }) rows[c][2] = v;

        var families = NeuronFamilies.Group(new ConceptActivations(rows), concepts);

        var animals = families.Single(f => f.Group == "animals");
        Assert.Equal([0, 1], animals.Units.Select(u => u.Unit).Order());
        Assert.Equal("c6", animals.Units.Single(u => u.Unit == 1).TopConcept);
        Assert.Equal([2], families.Single(f => f.Group == "food").Units.Select(u => u.Unit));
        Assert.Equal("animals", families[0].Group);
    }
}
