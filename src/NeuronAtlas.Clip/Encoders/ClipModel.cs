using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.Encoders;

/// <summary>
/// A CLIP model exported by tools/clip_export: the text encoder, the image encoder (loaded on first use, since
/// image.onnx is large) and the logit scale. Thread-safe.
/// </summary>
public sealed class ClipModel : IDisposable
{
    private readonly Lazy<ClipImageEncoder> _image;

    public ModelManifest Manifest { get; }
    public ClipTextEncoder Text { get; }
    public ClipImageEncoder Image => _image.Value;
    /// <summary>exp(logit_scale): multiplies cosine similarities before the zero-shot softmax (about 100 for OpenAI's weights).</summary>
    public float LogitScale { get; }

    private ClipModel(ModelManifest manifest, ClipTextEncoder text, Lazy<ClipImageEncoder> image, float logitScale)
    {
        Manifest = manifest;
        Text = text;
        _image = image;
        LogitScale = logitScale;
    }

    /// <summary>Whether the manifest describes a CLIP model: a text encoder, an image embedding and a logit scale.</summary>
    public static bool IsClip(ModelManifest manifest) =>
        manifest.TextEncoder is not null && manifest.Embedding is not null && manifest.LogitScale is not null;

    public static ClipModel Load(ModelManifest manifest, InferenceOptions options, ILogger? logger = null)
    {
        if (!IsClip(manifest))
            throw new InvalidOperationException(
                $"Model '{manifest.Id}' is not a CLIP model: its manifest needs \"textEncoder\", \"embedding\" and \"logitScale\" (export it with tools/clip_export).");
        var text = ClipTextEncoder.Load(manifest, options, logger);
        var image = new Lazy<ClipImageEncoder>(() => ClipImageEncoder.Load(manifest, options, logger), LazyThreadSafetyMode.ExecutionAndPublication);
        return new ClipModel(manifest, text, image, manifest.LogitScale!.Value);
    }

    public void Dispose()
    {
        Text.Dispose();
        if (_image.IsValueCreated) _image.Value.Dispose();
    }
}
