using NeuronAtlas.Clip.Findings;

namespace NeuronAtlas.Clip.Tests.Findings;

public sealed class MultimodalCensusTests
{
    // Ten concepts (top 1% of 10 words = rank 1); concept 0 is glyph-like.
    private static readonly IReadOnlyList<Concept> Concepts = Enumerable.Range(0, 10)
        .Select(i => new Concept(i, $"c{i}", i < 5 ? "Animals & Nature" : "Objects", i == 0 ? "zodiac" : "sub", false, i == 0)).ToList();

    /// <summary>
    /// unit 0: top picture concept 2 (4.0), its word first (3.0 >= 2.0): multimodal.
    /// unit 1: top picture concept 5 (4.0), its word first but 1.5 < 2.0: not.
    /// unit 2: top picture concept 7 (4.0), its word 3.0 but concept 1's word 5.0: rank 2, not.
    /// unit 3: top picture concept 0 (4.0), its word first at 4.0: multimodal and glyph-like.
    /// </summary>
    private static (ConceptActivations Pictures, ConceptActivations Words) HandBuilt()
    {
        var p = Enumerable.Range(0, 10).Select(_ => new float[] { 1, 1, 1, 1 }).ToArray();
        var w = Enumerable.Range(0, 10).Select(_ => new float[] { 0.5f, 0.5f, 0.5f, 0.5f }).ToArray();
        p[2][0] = 4; w[2][0] = 3;
        p[5][1] = 4; w[5][1] = 1.5f;
        p[7][2] = 4; w[7][2] = 3; w[1][2] = 5;
        p[0][3] = 4; w[0][3] = 4;
        return (new ConceptActivations(p), new ConceptActivations(w));
    }

    [Fact]
    public void Counts_the_units_whose_top_picture_concepts_word_ranks_first_and_is_at_least_half_as_strong()
    {
        var (pictures, words) = HandBuilt();

        var result = new MultimodalCensus(Concepts).Run(pictures, words);

        Assert.Equal(4, result.UnitCount);
        Assert.Equal(1, result.MaxWordRank);
        Assert.Equal(2, result.Count);
        Assert.Equal(0.5, result.Share);
        Assert.Equal(2, result.DistinctConcepts);
        Assert.Equal(1, result.GlyphLikeCount);
        Assert.Equal(1, result.NonGlyphCount);
        Assert.Equal(1, result.DistinctNonGlyphConcepts);
        // Ranks 1, 1, 2, 1: median 1.
        Assert.Equal(1, result.MedianWordRank);
        // Both rank 1; unit 3's word/picture ratio is 1.0, unit 0's 0.75.
        Assert.Equal([3, 0], result.Best.Select(u => u.Unit));
        Assert.Equal("c2", result.Best[1].Concept);
        Assert.Equal(3f, result.Best[1].WordActivation);
    }

    [Fact]
    public void Reports_each_units_top_concept_and_word_rank()
    {
        var (pictures, words) = HandBuilt();

        var units = new MultimodalCensus(Concepts).Units(pictures, words);

        Assert.Equal([2, 5, 7, 0], units.Select(u => u.ConceptIndex));
        Assert.Equal([1, 1, 2, 1], units.Select(u => u.WordRank));
        Assert.Equal([true, false, false, true], units.Select(u => u.Multimodal));
    }

    [Theory]
    [InlineData(300, 3)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(10, 1)]
    public void The_top_one_percent_of_words_is_a_rank_cut(int concepts, int maxRank) =>
        Assert.Equal(maxRank, new MultimodalCensus(Concepts).MaxWordRank(concepts));

    [Fact]
    public void The_shuffle_control_counts_every_unit_when_all_words_are_alike_and_none_when_words_are_silent()
    {
        var pictures = new ConceptActivations(Enumerable.Range(0, 10).Select(c => new float[] { c, 10 - c, 3 }).ToArray());
        var alike = new ConceptActivations(Enumerable.Range(0, 10).Select(_ => new float[] { 10, 10, 10 }).ToArray());
        var silent = new ConceptActivations(Enumerable.Range(0, 10).Select(_ => new float[] { 0, 0, 0 }).ToArray());
        var census = new MultimodalCensus(Concepts);

        var all = census.Shuffle(pictures, alike, permutations: 50, seed: 3);
        var none = census.Shuffle(pictures, silent, permutations: 50, seed: 3);

        Assert.Equal(new ControlStatistics(50, 3, 3, 3), all);
        Assert.Equal(new ControlStatistics(50, 0, 0, 0), none);
    }

    [Fact]
    public void The_99th_percentile_is_the_nearest_rank_one()
    {
        var statistics = ControlStatistics.Of(Enumerable.Range(1, 100).Reverse().ToList());

        Assert.Equal(99, statistics.Percentile99);
        Assert.Equal(50.5, statistics.Mean);
        Assert.Equal(100, statistics.Max);
    }

    [Fact]
    public void Random_rotations_are_orthogonal()
    {
        var q = RandomRotation.Create(12, new Random(5));

        for (int a = 0; a < 12; a++)
            for (int b = 0; b < 12; b++)
            {
                double dot = 0;
                for (int i = 0; i < 12; i++) dot += q[i, a] * q[i, b];
                Assert.Equal(a == b ? 1 : 0, dot, 1e-9);
            }
    }

    [Fact]
    public void Concept_tables_average_each_concepts_images()
    {
        var table = ConceptActivations.Average([[1f, 2f], [3f, 6f], [10f, 10f], [7f, 7f]], [0, 0, 2, -1], 3);

        Assert.Equal([2f, 4f], table.Row(0).ToArray());
        Assert.False(table.HasConcept(1));
        Assert.Equal([10f, 10f], table.Row(2).ToArray());
    }
}
