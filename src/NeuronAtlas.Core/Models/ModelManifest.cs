using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuronAtlas.Core.Models;

/// <summary>
/// Describes an ONNX vision model to the atlas: where its file is, how to preprocess images for it,
/// and which of its tensors are exposed as layers. Read from a manifest.json beside the model.
/// </summary>
public sealed record ModelManifest
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The image encoder's ONNX file, relative to the manifest's folder.</summary>
    public required string Onnx { get; init; }
    public required ModelInput Input { get; init; }
    public required Preprocessing Preprocessing { get; init; }
    public required IReadOnlyList<LayerManifest> Layers { get; init; }
    public EmbeddingManifest? Embedding { get; init; }
    public TextEncoderManifest? TextEncoder { get; init; }
    /// <summary>CLIP's exp(logit_scale); multiplies cosine similarities before the softmax of zero-shot labels.</summary>
    public float? LogitScale { get; init; }
    public string Licence { get; init; } = "";
    public string Source { get; init; } = "";

    /// <summary>The folder the manifest was read from; relative paths resolve against it.</summary>
    [JsonIgnore] public string BaseDirectory { get; init; } = "";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public LayerManifest GetLayer(string layerId) =>
        Layers.FirstOrDefault(l => l.Id == layerId)
        ?? throw new ArgumentException($"Model '{Id}' has no layer '{layerId}'. Layers: {string.Join(", ", Layers.Select(l => l.Id))}.");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record ModelInput
{
    public required string Name { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public ChannelOrder ChannelOrder { get; init; } = ChannelOrder.Rgb;
}

public enum ChannelOrder { Rgb, Bgr }

public enum ResizeMode { Bilinear, Bicubic }

/// <summary>Resize the short side to <see cref="Resize"/>, centre-crop to <see cref="Crop"/>, then (pixel/255 - mean) / std.</summary>
public sealed record Preprocessing
{
    public required int Resize { get; init; }
    public ResizeMode ResizeMode { get; init; } = ResizeMode.Bilinear;
    public required int Crop { get; init; }
    /// <summary>Per channel, in the model's channel order, on the 0..1 pixel scale.</summary>
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
}

public enum LayerKind { Conv, Tokens }

/// <summary>A tensor the atlas exposes: [N, Channels, Height, Width] for conv layers.</summary>
public sealed record LayerManifest
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string Tensor { get; init; }
    public required int Channels { get; init; }
    public required int Height { get; init; }
    public required int Width { get; init; }
    public LayerKind Kind { get; init; } = LayerKind.Conv;
    public string Description { get; init; } = "";
}

public sealed record EmbeddingManifest
{
    public required string Tensor { get; init; }
    public required int Dimensions { get; init; }
}

public sealed record TextEncoderManifest
{
    public required string Onnx { get; init; }
    public string InputName { get; init; } = "tokens";
    public string OutputName { get; init; } = "text_embedding";
    public int ContextLength { get; init; } = 77;
    /// <summary>The BPE vocabulary file (bpe_simple_vocab_16e6.txt.gz), relative to the manifest's folder.</summary>
    public string Vocabulary { get; init; } = "bpe_simple_vocab_16e6.txt.gz";
}
