using System.Security.Cryptography;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>One quantity to maximize, read from a layer of the model named by its manifest id.</summary>
public abstract record LayerTerm(string LayerId)
{
    public abstract string Description { get; }

    /// <summary>How many per-item entries the term holds (one objective per batch item), or null when all items share it.</summary>
    public virtual int? ItemCount => null;

    /// <summary>The nodes computing the term from the layer's tensor; throws when the term does not fit the layer.</summary>
    public abstract ObjectiveTerm ToGraphTerm(LayerManifest layer);

    /// <summary>
    /// The term's value for batch item <paramref name="item"/> computed from the layer's activations
    /// ([N, C, H, W] as the manifest gives the layer), or null for batch terms such as diversity.
    /// </summary>
    public abstract float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item);

    /// <summary>A string that differs whenever the built gradient graph would differ.</summary>
    public virtual string Key => Description;

    /// <summary>The description with a hash of vectors it leaves out (directions, text embeddings), for <see cref="Key"/>.</summary>
    protected string KeyWithVectors(IEnumerable<float[]> vectors)
    {
        var bytes = vectors.SelectMany(v => v.SelectMany(BitConverter.GetBytes)).ToArray();
        return $"{Description}#{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
    }

    public override string ToString() => Description;
}
