namespace NeuronAtlas.Web.Lookup;

/// <summary>A layer's neurons as the lookup needs them, indexed by channel.</summary>
public sealed record LookupLayerData(
    string LayerId,
    string DisplayName,
    string TensorName,
    int Channels,
    int Height,
    int Width,
    float[] DatasetMax,
    string?[] Labels,
    string?[] TopImageHashes,
    bool[] TopImageFlagged);
