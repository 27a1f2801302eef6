namespace NeuronAtlas.FeatureVis.Render;

/// <summary>Adam (Kingma and Ba) with PyTorch's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8, minimizing a loss.</summary>
public sealed class AdamOptimizer(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
{
    private readonly float[] _firstMoment = new float[parameterCount];
    private readonly float[] _secondMoment = new float[parameterCount];
    private int _step;

    public float LearningRate { get; } = learningRate;

    /// <summary>Moves <paramref name="parameters"/> against <paramref name="lossGradient"/>.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> lossGradient)
    {
        if (parameters.Length != _firstMoment.Length || lossGradient.Length != _firstMoment.Length)
            throw new ArgumentException($"Adam was set up for {_firstMoment.Length} parameters.");
        _step++;
        float correction1 = 1f - MathF.Pow(beta1, _step), correction2 = 1f - MathF.Pow(beta2, _step);
        float stepSize = LearningRate / correction1, sqrtCorrection2 = MathF.Sqrt(correction2);
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = lossGradient[i];
            float m = _firstMoment[i] = beta1 * _firstMoment[i] + (1 - beta1) * g;
            float v = _secondMoment[i] = beta2 * _secondMoment[i] + (1 - beta2) * g * g;
            parameters[i] -= stepSize * m / (MathF.Sqrt(v) / sqrtCorrection2 + epsilon);
        }
    }
}
