using System.Runtime.InteropServices;
using System.Text.Json;

namespace NeuronAtlas.Clip.Tests.TestData;

/// <summary>PyTorch's outputs on the same weights, from tools/clip_reference/reference_embeddings.py.</summary>
public sealed record TorchReference(
    float[][]? Text, float[][]? Image, Dictionary<string, float[][]>? LayerChannelMeans)
{
    /// <param name="tokens">Token rows as the C# tokenizer built them.</param>
    /// <param name="images">Preprocessed images, count x 3 x px x px, as the C# preprocessor built them.</param>
    public static TorchReference Compute(string exportDirectory, IReadOnlyList<int[]>? tokens, float[]? images = null, int imageCount = 0)
    {
        ClipTestExports.RequireTorch();
        string? imageFile = null;
        if (images is not null)
        {
            imageFile = Path.GetTempFileName();
            File.WriteAllBytes(imageFile, MemoryMarshal.AsBytes(images.AsSpan()).ToArray());
        }
        try
        {
            var request = JsonSerializer.Serialize(new { tokens, images = imageFile, count = imageCount });
            var script = Path.Combine(ClipTestExports.RepoRoot, "tools", "clip_reference", "reference_embeddings.py");
            var (code, output, error) = ClipTestExports.RunPython($"\"{script}\" --export-dir \"{exportDirectory}\"", null, TimeSpan.FromMinutes(5), request);
            Assert.True(code == 0, $"reference_embeddings.py failed ({code}): {error}");
            return JsonSerializer.Deserialize<TorchReference>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidDataException("reference_embeddings.py printed no JSON.");
        }
        finally
        {
            if (imageFile is not null) File.Delete(imageFile);
        }
    }
}
