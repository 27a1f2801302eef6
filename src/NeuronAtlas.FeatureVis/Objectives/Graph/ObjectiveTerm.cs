using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>One quantity to maximize, computed by ONNX nodes from an activation tensor.</summary>
public abstract class ObjectiveTerm
{
    /// <summary>The activation tensor the term reads.</summary>
    public abstract string Tensor { get; }

    /// <summary>True when the term gives one value per batch item ([N]); false for one value for the batch (a scalar).</summary>
    public abstract bool IsPerItem { get; }

    public abstract string Description { get; }

    /// <summary>Emits the nodes computing the term and returns the name of its [N] or scalar result.</summary>
    /// <param name="emitter">Where to add the nodes.</param>
    /// <param name="tensorShape">The concrete shape of <see cref="Tensor"/>.</param>
    /// <param name="batchSize">N, the batch size of the differentiated input.</param>
    public abstract string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize);

    public override string ToString() => Description;
}
