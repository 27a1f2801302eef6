namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>A float array with its shape.</summary>
public sealed record FloatTensor(float[] Data, int[] Shape)
{
    public static FloatTensor Random(Random random, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return new FloatTensor(data, shape);
    }

    /// <summary>Random values in ±[margin, 1]: no element near a kink at zero.</summary>
    public static FloatTensor RandomAwayFromZero(Random random, float margin, params int[] shape)
    {
        var tensor = Random(random, shape);
        for (var i = 0; i < tensor.Data.Length; i++)
            tensor.Data[i] = MathF.CopySign(margin + MathF.Abs(tensor.Data[i]) * (1 - margin), tensor.Data[i]);
        return tensor;
    }

    /// <summary>A random permutation of evenly spaced values in [-1, 1]: all distinct, so max ops have no ties.</summary>
    public static FloatTensor Distinct(Random random, params int[] shape)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, count).Select(i => -1f + 2f * i / Math.Max(1, count - 1)).ToArray();
        random.Shuffle(values);
        return new FloatTensor(values, shape);
    }

    public static FloatTensor Positive(Random random, float low, float high, params int[] shape)
    {
        var tensor = Random(random, shape);
        for (var i = 0; i < tensor.Data.Length; i++) tensor.Data[i] = low + (tensor.Data[i] + 1) / 2 * (high - low);
        return tensor;
    }

    public FloatTensor With(int index, float value)
    {
        var copy = (float[])Data.Clone();
        copy[index] = value;
        return this with { Data = copy };
    }
}
