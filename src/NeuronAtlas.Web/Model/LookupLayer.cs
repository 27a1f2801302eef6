using System.Text.Json.Serialization;

namespace NeuronAtlas.Web.Model;

/// <summary>The top neurons of one layer for an uploaded image, highest relative activation first.</summary>
public sealed record LookupLayer(
    string LayerId,
    string DisplayName,
    string Url,
    IReadOnlyList<LookupNeuron> Neurons,
    [property: JsonIgnore] int MapWidth,
    [property: JsonIgnore] int MapHeight);
