namespace NeuronAtlas.Web.Model;

/// <summary>The neurons of one layer that the drawn text changed most, largest change (either way) first.</summary>
public sealed record ChangedLayer(string LayerId, string DisplayName, string Url, IReadOnlyList<ChangedNeuron> Neurons);
