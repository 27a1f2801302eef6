namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>
/// Results for a run of consecutive phrases: one row of <see cref="Width"/> float32 values (little-endian) per phrase.
/// <see cref="Tensor"/> is a layer id (the channel means, averaged over renderings), <see cref="TextVisTensors.ImageEmbedding"/>
/// or <see cref="TextVisTensors.TextEmbedding"/>.
/// </summary>
public sealed class TextVisChunk
{
    public int Id { get; set; }
    public required string ModelId { get; set; }
    public required string Tensor { get; set; }
    public int FirstPhrase { get; set; }
    public int Count { get; set; }
    public int Width { get; set; }
    public byte[] Data { get; set; } = [];
}
