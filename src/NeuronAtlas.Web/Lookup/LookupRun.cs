using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// One pass of the lookup pipeline: the upload as the model sees it (<c>Images[0]</c>, resized and centre-cropped),
/// the images made from it after that, and the model's activations on all of them (this request's items of a batch that other lookups may have shared), item i
/// for image i.
/// </summary>
/// <param name="Clip">The model's CLIP encoders, or null for other models.</param>
/// <param name="Classifier">CLIP models: the zero-shot classifier of the request's labels (prepared before the inference slot).</param>
public sealed record LookupRun(LookupModelData Model, InspectedUpload Upload, ClipModel? Clip, ZeroShotClassifier? Classifier,
    IReadOnlyList<Image<Rgb24>> Images, ActivationSlice Activations)
{
    /// <summary>Image <paramref name="item"/>'s CLIP image embedding as the model gives it, or null for models without one.</summary>
    public float[]? Embedding(int item)
    {
        if (Clip is null) return null;
        var embeddings = Activations.Tensor(Clip.Manifest.Embedding!.Tensor);
        int dimensions = embeddings.Length / Images.Count;
        return embeddings.Slice(item * dimensions, dimensions).ToArray();
    }
}
