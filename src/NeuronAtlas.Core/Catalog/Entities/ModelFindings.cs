namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>
/// The article's findings computed for one model by 'precompute findings': census, zero-shot, typographic attack,
/// sparse probes and neuron families, kept as one JSON document (the findings report), since they are read whole.
/// </summary>
public sealed class ModelFindings
{
    public required string ModelId { get; set; }
    /// <summary>The findings report as JSON (NeuronAtlas.Clip.Findings.FindingsReport).</summary>
    public required string Json { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}
