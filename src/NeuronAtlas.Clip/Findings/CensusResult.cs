namespace NeuronAtlas.Clip.Findings;

/// <summary>The census of one layer of one model.</summary>
/// <param name="MaxWordRank">The highest word rank that counts as the top share of all concepts' words.</param>
/// <param name="Best">Up to 20 multimodal units, best first (lowest word rank, then highest word/picture ratio).</param>
/// <param name="MedianWordRank">The median over all units of the word rank of the unit's top picture concept.</param>
public sealed record CensusResult(int UnitCount, int MaxWordRank, int Count, int DistinctConcepts, int GlyphLikeCount, int NonGlyphCount,
    int DistinctNonGlyphConcepts, double MedianWordRank, IReadOnlyList<CensusUnit> Best)
{
    public double Share => UnitCount == 0 ? 0 : Count / (double)UnitCount;
}
