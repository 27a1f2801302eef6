using System.Diagnostics;
using NeuronAtlas.Onnx.IO;

namespace NeuronAtlas.Onnx.Tests.IO;

public class NpyFileTests
{
    [Theory]
    [InlineData(new[] { 2, 3, 4 })]
    [InlineData(new[] { 5 })]
    [InlineData(new int[0])]
    public void Written_arrays_read_back_unchanged_with_a_64_byte_aligned_header(int[] shape)
    {
        var data = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => i * 0.5f - 3f).ToArray();
        using var stream = new MemoryStream();

        NpyFile.Write(stream, data, shape);
        var bytes = stream.ToArray();
        var array = NpyFile.Read(bytes);

        Assert.Equal(shape, array.Shape);
        Assert.Equal(data, array.Data);
        Assert.Equal(0, (bytes.Length - data.Length * 4) % 64);
    }

    [Fact]
    public void A_shape_that_does_not_match_the_data_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => NpyFile.Write(new MemoryStream(), new float[5], [2, 3]));
    }

    [Fact]
    public void Numpy_reads_what_we_write_and_we_read_what_numpy_writes()
    {
        var folder = Directory.CreateTempSubdirectory("npy-").FullName;
        try
        {
            var ours = Path.Combine(folder, "ours.npy");
            NpyFile.Write(ours, [1.5f, -2f, 3.25f, 0f, 7f, -0.125f], [2, 3]);
            var script = $"""
                import numpy as np
                a = np.load('{ours}')
                assert a.dtype == np.float32 and a.shape == (2, 3), (a.dtype, a.shape)
                assert a[1, 2] == -0.125 and a[0, 1] == -2.0
                np.save('{folder}/f8.npy', np.arange(12, dtype=np.float64).reshape(3, 4) / 4)
                np.save('{folder}/i8.npy', np.array([[-1, 2], [3, 4]], dtype=np.int64))
                """;
            RunNumpy(script);

            var doubles = NpyFile.Read(Path.Combine(folder, "f8.npy"));
            Assert.Equal([3, 4], doubles.Shape);
            Assert.Equal(2.75f, doubles.Data[11]);
            var longs = NpyFile.Read(Path.Combine(folder, "i8.npy"));
            Assert.Equal([-1f, 2f, 3f, 4f], longs.Data);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void RunNumpy(string script)
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Fail("/usr/bin/python3 is missing: install python3-numpy (comes with python3-torch).");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (error.Contains("No module named 'numpy'")) Assert.Fail("/usr/bin/python3 lacks numpy: install python3-numpy.");
        Assert.True(process.ExitCode == 0, error);
    }
}
