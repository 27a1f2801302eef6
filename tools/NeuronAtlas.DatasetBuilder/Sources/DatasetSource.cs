namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>Where some of the dataset's images or labels come from, as written to dataset.json.</summary>
public sealed record DatasetSource(string Name, string Version, string Licence, string Url, string Attribution);
