namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A dataset image, stored once as a small thumbnail and keyed by the hash of its original bytes.</summary>
public sealed class DatasetImage
{
    /// <summary>Lower-case hex SHA-256 of the original file, first 32 characters.</summary>
    public required string Hash { get; set; }
    public string Label { get; set; } = "";
    public string Concept { get; set; } = "";
    public string Style { get; set; } = "";
    public string Source { get; set; } = "";
    public string OriginalName { get; set; } = "";
    public byte[] Thumbnail { get; set; } = [];
    public string ThumbnailContentType { get; set; } = "image/jpeg";
    public int ThumbnailWidth { get; set; }
    public int ThumbnailHeight { get; set; }
    /// <summary>Hidden images (flagged as disturbing) are blurred on public pages.</summary>
    public bool Flagged { get; set; }
}
