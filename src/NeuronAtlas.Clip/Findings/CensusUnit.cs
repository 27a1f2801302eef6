namespace NeuronAtlas.Clip.Findings;

/// <summary>One unit in the multimodal census: its top picture concept and how that concept's word excites it.</summary>
/// <param name="WordRank">1 = the concept's word excites the unit most of all concepts' words.</param>
public sealed record CensusUnit(int Unit, int ConceptIndex, string Concept, float PictureActivation, float WordActivation, int WordRank,
    bool Multimodal, bool GlyphLike)
{
    /// <summary>Word activation over picture activation.</summary>
    public double WordToPicture => PictureActivation > 0 ? WordActivation / (double)PictureActivation : 0;
}
