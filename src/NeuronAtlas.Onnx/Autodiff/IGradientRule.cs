namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>Differentiates one op: emits the nodes that compute its inputs' gradients from its outputs' gradients.</summary>
public interface IGradientRule
{
    /// <summary>
    /// Emits nodes through <paramref name="context"/> and hands each input gradient it computes to
    /// <see cref="GradientContext.SetGI"/>. Only inputs for which <see cref="GradientContext.NeedsGI"/> is true need one.
    /// </summary>
    void EmitGradients(GradientContext context);
}
