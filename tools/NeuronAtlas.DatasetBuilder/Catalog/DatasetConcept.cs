using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>An emoji chosen for the dataset, with the styles that draw it.</summary>
public sealed record DatasetConcept(EmojiEntry Entry, IReadOnlyList<string> Keywords, IReadOnlyList<IEmojiArtSource> Styles)
{
    public string Id => Entry.Sequence.Id;
}
