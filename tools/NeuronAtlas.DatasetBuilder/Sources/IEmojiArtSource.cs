using NeuronAtlas.DatasetBuilder.Catalog;

namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>One drawing style of emoji (e.g. OpenMoji line art), backed by one source.</summary>
public interface IEmojiArtSource
{
    /// <summary>The style name used in labels.csv and in image file names, e.g. "openmoji-line".</summary>
    string Style { get; }

    DatasetSource Source { get; }

    bool Has(EmojiSequence emoji);

    /// <summary>Loads the emoji's drawing; safe to call from several threads at once.</summary>
    IEmojiArtwork Load(EmojiSequence emoji);
}
