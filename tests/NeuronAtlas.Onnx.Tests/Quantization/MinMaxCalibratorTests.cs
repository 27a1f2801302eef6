using NeuronAtlas.Onnx.Quantization;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Quantization;

public class MinMaxCalibratorTests
{
    /// <summary>x → 1x1 Conv with weight 2 → y: both are calibrated.</summary>
    private static QdqQuantizer Doubling() => new(TestModels.Create()
        .Input("x", 1, 1, 100, 100)
        .Constant("W", [2f], 1, 1, 1, 1)
        .Node("Conv", ["x", "W"], "y")
        .Output("y")
        .Build());

    /// <summary>1..10000 in a scrambled order (7919 is prime to 10007, so each value has its own key).</summary>
    private static float[] Shuffled1To10000() => Enumerable.Range(1, 10000).OrderBy(v => v * 7919 % 10007).Select(v => (float)v).ToArray();

    [Fact]
    public void Min_max_calibration_keeps_the_extremes_over_all_batches()
    {
        using var calibrator = new MinMaxCalibrator(Doubling(), "x", threads: 1);
        var values = Shuffled1To10000();
        calibrator.Add(values, [1, 1, 100, 100]);
        calibrator.Add(values.Select(v => v - 5000).ToArray(), [1, 1, 100, 100]);

        Assert.Equal(new ActivationRange(-4999, 10000), calibrator.Ranges["x"]);
        Assert.Equal(new ActivationRange(-9998, 20000), calibrator.Ranges["y"]);
        Assert.Equal(2, calibrator.Count);
    }

    [Fact]
    public void Percentile_calibration_averages_each_batchs_percentiles_and_clips_the_outliers()
    {
        using var calibrator = new MinMaxCalibrator(Doubling(), "x", threads: 1, percentile: 99);
        var values = Shuffled1To10000();
        calibrator.Add(values, [1, 1, 100, 100]);
        calibrator.Add(values.Select(v => v + 1000).ToArray(), [1, 1, 100, 100]);

        // Sorted 1..10000: the 1st percentile is at index round(0.01 * 9999) = 100, value 101; the 99th at 9899, value 9900.
        Assert.Equal(new ActivationRange((101 + 1101) / 2f, (9900 + 10900) / 2f), calibrator.Ranges["x"]);
        Assert.Equal(new ActivationRange(101 + 1101, 9900 + 10900), calibrator.Ranges["y"]);
    }
}
