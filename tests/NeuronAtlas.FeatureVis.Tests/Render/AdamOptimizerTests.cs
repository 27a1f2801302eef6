using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.FeatureVis.Tests.Render;

public class AdamOptimizerTests
{
    [Fact]
    public void First_step_moves_each_parameter_by_the_learning_rate_against_its_gradient()
    {
        var adam = new AdamOptimizer(3, learningRate: 0.05f);
        float[] parameters = [1f, 1f, 1f];
        adam.Step(parameters, [2f, -0.001f, 0f]);
        Assert.Equal(0.95f, parameters[0], 5);
        Assert.Equal(1.05f, parameters[1], 4);
        Assert.Equal(1f, parameters[2]);
    }

    [Fact]
    public void Minimizes_a_quadratic()
    {
        var adam = new AdamOptimizer(2, learningRate: 0.1f);
        float[] x = [3f, -2f];
        for (int i = 0; i < 500; i++) adam.Step(x, [2 * x[0], 2 * x[1]]);
        Assert.True(MathF.Abs(x[0]) < 0.05f && MathF.Abs(x[1]) < 0.05f, $"ended at ({x[0]}, {x[1]})");
    }
}
