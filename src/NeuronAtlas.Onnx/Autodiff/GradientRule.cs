namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>A gradient rule written as a method or lambda.</summary>
public sealed class GradientRule(Action<GradientContext> emit) : IGradientRule
{
    public void EmitGradients(GradientContext context) => emit(context);
}
