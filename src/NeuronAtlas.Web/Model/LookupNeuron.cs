using System.Text.Json.Serialization;

namespace NeuronAtlas.Web.Model;

/// <summary>A neuron the uploaded image excites.</summary>
/// <param name="Activation">Its mean activation over positions on the uploaded image.</param>
/// <param name="DatasetMax">The largest such activation over the catalog's dataset.</param>
/// <param name="RelativeActivation">Activation / DatasetMax, the ranking score: 1 means as strong as its strongest dataset image.</param>
/// <param name="SpatialMap">Where in the image it fires, row-major over the layer's grid (for the page; not in JSON).</param>
public sealed record LookupNeuron(
    int Index,
    string? Label,
    float Activation,
    float DatasetMax,
    float RelativeActivation,
    string Url,
    string? TopExampleUrl,
    bool TopExampleFlagged,
    [property: JsonIgnore] float[] SpatialMap);
