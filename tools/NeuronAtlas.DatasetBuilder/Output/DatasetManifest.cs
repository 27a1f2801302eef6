using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Output;

/// <summary>The content of dataset.json.</summary>
public sealed record DatasetManifest(
    string Name,
    string DisplayName,
    string Description,
    int ImageCount,
    int ConceptCount,
    int ImageSize,
    IReadOnlyList<string> Styles,
    IReadOnlyList<DatasetSource> Sources);
