using System.Text.Json;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// Everything 'precompute findings' measures for one model against its baselines: what the findings page, its JSON and
/// docs/findings.md show. Stored in the catalog as JSON.
/// </summary>
public sealed record FindingsReport(
    string Model,
    string DisplayName,
    DateTimeOffset ComputedAt,
    FindingsSetup Setup,
    ModelFigures Figures,
    IReadOnlyList<ModelFigures> Baselines,
    TypographicFindings? Typographic,
    ProbeReport? Probes,
    IReadOnlyList<NeuronFamily> Families)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The form the catalog stores and the JSON API serves.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static FindingsReport FromJson(string json) =>
        JsonSerializer.Deserialize<FindingsReport>(json, JsonOptions) ?? throw new InvalidDataException("The stored findings are empty.");
}

/// <summary>What the figures were computed over.</summary>
/// <param name="ProbeClasses">The probe classes; fewer than two means no probes were computed.</param>
/// <param name="LastBlock">The layer id of the last image block (the article's layer), the first in the manifest.</param>
public sealed record FindingsSetup(
    int Concepts,
    int UnseenWordConcepts,
    int GlyphLikeConcepts,
    string GlyphRule,
    string LastBlock,
    string PicturesDataset,
    int Pictures,
    string HeldOutStyle,
    string WordsDataset,
    int Words,
    double TopShare,
    double MinWordToPicture,
    int ShufflePermutations,
    int Rotations,
    IReadOnlyList<string> PromptTemplates,
    IReadOnlyList<string> ProbeClasses,
    int MinConceptsPerProbeClass);

/// <summary>The census of one layer with its controls.</summary>
/// <param name="Rotation">The random-rotation control, for spaces whose axes are not privileged; null otherwise.</param>
/// <param name="NeuronLayer">The catalog layer whose neuron pages the units are, or null when the units are no catalog layer.</param>
public sealed record LayerCensus(string LayerId, string LayerName, CensusResult Census, ControlStatistics Shuffle, ControlStatistics? Rotation,
    string? NeuronLayer);

/// <summary>One model's census and zero-shot figures.</summary>
/// <param name="Role">"model" or how the baseline was made (e.g. "random-init").</param>
public sealed record ModelFigures(string Model, string DisplayName, string Role, LayerCensus LastBlock, LayerCensus AttentionPool,
    IReadOnlyList<ZeroShotScore> ZeroShot);
