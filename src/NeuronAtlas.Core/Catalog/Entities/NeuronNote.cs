namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A human note on a neuron, imported from a Markdown file under data/notes/.</summary>
public sealed class NeuronNote
{
    public int Id { get; set; }
    public required string ModelId { get; set; }
    public required string LayerId { get; set; }
    public int NeuronIndex { get; set; }
    /// <summary>A label the note gives the neuron (front matter "label:"), overriding automatic ones.</summary>
    public string? Label { get; set; }
    public string Markdown { get; set; } = "";
    public string SourceFile { get; set; } = "";
}
