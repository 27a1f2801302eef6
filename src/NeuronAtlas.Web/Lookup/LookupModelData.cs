namespace NeuronAtlas.Web.Lookup;

/// <summary>A catalog model's layers, input side first, with what the lookup needs of every neuron.</summary>
public sealed record LookupModelData(string ModelId, string DisplayName, IReadOnlyList<LookupLayerData> Layers);
