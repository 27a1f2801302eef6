namespace NeuronAtlas.Clip.TextVis.Storage;

/// <summary>Names of the non-layer rows a text-vis run stores per phrase.</summary>
public static class TextVisTensors
{
    /// <summary>The unit-length mean of the unit image embeddings of the phrase's renderings.</summary>
    public const string ImageEmbedding = "#image-embedding";
    /// <summary>The unit-length CLIP text embedding of the phrase itself.</summary>
    public const string TextEmbedding = "#text-embedding";
}
