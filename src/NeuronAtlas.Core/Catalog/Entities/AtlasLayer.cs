namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A layer the atlas exposes: one ONNX tensor of shape [N, Channels, Height, Width].</summary>
public sealed class AtlasLayer
{
    public int Id { get; set; }
    public required string ModelId { get; set; }
    /// <summary>The id used in URLs, e.g. "layer4" or "image_block_4_5".</summary>
    public required string LayerId { get; set; }
    public required string DisplayName { get; set; }
    public required string TensorName { get; set; }
    public int Channels { get; set; }
    public int Height { get; set; }
    public int Width { get; set; }
    /// <summary>Position in the model's layer list, input side first.</summary>
    public int Order { get; set; }
    public string Description { get; set; } = "";
    public AtlasModel? Model { get; set; }
    public List<Neuron> Neurons { get; set; } = [];
}
