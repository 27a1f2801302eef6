namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>One row of a built dataset's concepts.csv: what the concept rules look at.</summary>
public sealed record ConceptRow(string Id, string Label, string Group, string Subgroup, IReadOnlyList<string> Styles);
