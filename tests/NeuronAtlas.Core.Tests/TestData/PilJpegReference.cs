using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Core.Tests.TestData;

/// <summary>
/// JPEG decodes and encodes by PIL (tools/pil_reference/jpeg_reference.py), independent of NeuronAtlas: PIL's draft
/// mode has libjpeg decode at 1/2, 1/4 or 1/8 scale with its reduced-size inverse DCT.
/// </summary>
public static class PilJpegReference
{
    private static readonly (string Module, string Package)[] Needed = [("PIL", "python3-pil")];
    private static string Script => Path.Combine(TestModels.RepoRoot, "tools", "pil_reference", "jpeg_reference.py");

    /// <summary>PIL's RGB decode of the JPEG at 1/<paramref name="denominator"/> scale (no EXIF orientation).</summary>
    public static Image<Rgb24> Draft(byte[] jpeg, int denominator) => InFolder(folder =>
    {
        string input = Path.Combine(folder, "in.jpg"), output = Path.Combine(folder, "out.rgb");
        File.WriteAllBytes(input, jpeg);
        var stdout = RunScript("draft", input, denominator.ToString(), output);
        var size = JsonSerializer.Deserialize<JsonElement>(stdout);
        return Image.LoadPixelData<Rgb24>(File.ReadAllBytes(output), size.GetProperty("width").GetInt32(), size.GetProperty("height").GetInt32());
    });

    /// <summary>The image saved by PIL as a quality-95 progressive JPEG.</summary>
    public static byte[] Progressive(Image<Rgb24> image) => Encode(image, "progressive");

    /// <summary>The image converted by PIL to CMYK and saved as an Adobe (inverted) CMYK JPEG, quality 95.</summary>
    public static byte[] Cmyk(Image<Rgb24> image) => Encode(image, "cmyk");

    private static byte[] Encode(Image<Rgb24> image, string kind) => InFolder(folder =>
    {
        string input = Path.Combine(folder, "in.png"), output = Path.Combine(folder, "out.jpg");
        image.SaveAsPng(input);
        RunScript("encode", input, output, kind);
        return File.ReadAllBytes(output);
    });

    private static string RunScript(params string[] arguments)
    {
        ReferencePython.Require(Needed);
        var (code, output, error) = ReferencePython.Run([Script, .. arguments]);
        Assert.True(code == 0, $"{Script} {string.Join(' ', arguments)} failed ({code}):\n{error}");
        return output;
    }

    private static T InFolder<T>(Func<string, T> work)
    {
        string folder = Directory.CreateTempSubdirectory("pil-reference-").FullName;
        try
        {
            return work(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
