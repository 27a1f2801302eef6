namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A model in the catalog: the manifest it was computed from and the dataset its examples come from.</summary>
public sealed class AtlasModel
{
    public required string Id { get; set; }
    public required string DisplayName { get; set; }
    public string Description { get; set; } = "";
    public string Licence { get; set; } = "";
    public string Source { get; set; } = "";
    public int InputWidth { get; set; }
    public int InputHeight { get; set; }
    public bool HasTextEncoder { get; set; }
    /// <summary>The manifest JSON as it was when the catalog was computed.</summary>
    public string ManifestJson { get; set; } = "";
    public string DatasetName { get; set; } = "";
    public int DatasetImageCount { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public List<AtlasLayer> Layers { get; set; } = [];
}
