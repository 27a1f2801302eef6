using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace NeuronAtlas.Onnx.Quantization;

/// <summary>
/// Runs the float model on calibration batches and sets, for each tensor the quantizer needs, the range to quantize:
/// the smallest and largest value seen (min/max), or, given a percentile p, the mean over batches of each batch's
/// (100 - p)th and pth percentiles, which clips the rare outliers that would otherwise coarsen every step.
/// </summary>
public sealed class MinMaxCalibrator : IDisposable
{
    /// <summary>Values sampled (evenly strided) from a tensor to estimate a batch's percentiles.</summary>
    private const int PercentileSample = 65536;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _tensors;
    private readonly double? _percentile;
    private readonly Dictionary<string, ActivationRange> _minMax;
    private readonly Dictionary<string, (double Low, double High)> _percentileSums;
    private int _batches;

    /// <param name="threads">ONNX Runtime intra-op threads; 0 uses every core.</param>
    /// <param name="percentile">Null for min/max; else the upper percentile, in (50, 100], e.g. 99.99.</param>
    public MinMaxCalibrator(QdqQuantizer quantizer, string inputName, int threads = 0, double? percentile = null)
    {
        if (percentile is { } p && (p <= 50 || p > 100)) throw new ArgumentOutOfRangeException(nameof(percentile), "The percentile must be in (50, 100].");
        _inputName = inputName;
        _percentile = percentile;
        _tensors = [.. quantizer.CalibrationTensors];
        _minMax = _tensors.ToDictionary(t => t, _ => ActivationRange.Empty);
        _percentileSums = _tensors.ToDictionary(t => t, _ => (0.0, 0.0));
        using var options = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(quantizer.CalibrationModel().ToByteArray(), options);
    }

    /// <summary>Images seen so far.</summary>
    public int Count { get; private set; }

    public IReadOnlyDictionary<string, ActivationRange> Ranges => _percentile is null
        ? _minMax
        : _percentileSums.ToDictionary(p => p.Key, p => new ActivationRange((float)(p.Value.Low / _batches), (float)(p.Value.High / _batches)));

    /// <summary>Widens the ranges with one batch of model input, <paramref name="shape"/> [N, ...].</summary>
    public void Add(float[] batch, long[] shape)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(batch, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_inputName], [input], _tensors);
        for (var i = 0; i < _tensors.Length; i++)
        {
            var values = outputs[i].GetTensorDataAsSpan<float>();
            _minMax[_tensors[i]] = _minMax[_tensors[i]].Include(values);
            if (_percentile is { } p)
            {
                var (low, high) = Percentiles(values, 100 - p, p);
                var (lowSum, highSum) = _percentileSums[_tensors[i]];
                _percentileSums[_tensors[i]] = (lowSum + low, highSum + high);
            }
        }
        _batches++;
        Count += (int)shape[0];
    }

    private static (float Low, float High) Percentiles(ReadOnlySpan<float> values, double low, double high)
    {
        var stride = Math.Max(1, values.Length / PercentileSample);
        var sample = new float[(values.Length + stride - 1) / stride];
        for (var i = 0; i < sample.Length; i++) sample[i] = values[i * stride];
        Array.Sort(sample);
        float At(double percent) => sample[(int)Math.Round(percent / 100 * (sample.Length - 1))];
        return (At(low), At(high));
    }

    public void Dispose() => _session.Dispose();
}
