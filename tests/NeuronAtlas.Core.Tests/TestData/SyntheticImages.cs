using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Core.Tests.TestData;

/// <summary>Distinct, seeded test images: a background colour, stripes of a random frequency and a few rectangles.</summary>
public static class SyntheticImages
{
    public static Image<Rgb24> Create(int seed, int width = 96, int height = 96)
    {
        var rng = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        var bg = RandomColor(rng);
        var stripe = RandomColor(rng);
        int period = rng.Next(3, 24);
        bool vertical = rng.Next(2) == 0;
        var rects = Enumerable.Range(0, rng.Next(1, 4))
            .Select(_ => (x: rng.Next(width), y: rng.Next(height), w: rng.Next(8, width / 2), h: rng.Next(8, height / 2), c: RandomColor(rng)))
            .ToArray();
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            var c = ((vertical ? x : y) / period) % 2 == 0 ? bg : stripe;
            foreach (var r in rects)
                if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) c = r.c;
            image[x, y] = c;
        }
        return image;
    }

    /// <summary>Writes count PNG and JPEG files into a new folder, in two label sub-folders, and returns it.</summary>
    public static string WriteFolder(int count, int seed = 0)
    {
        var dir = Directory.CreateTempSubdirectory("neuronatlas-images-").FullName;
        for (int i = 0; i < count; i++)
        {
            var label = i % 2 == 0 ? "even" : "odd";
            Directory.CreateDirectory(Path.Combine(dir, label));
            using var image = Create(seed * 100_000 + i);
            var path = Path.Combine(dir, label, $"img{i:D4}");
            if (i % 3 == 0) image.SaveAsJpeg(path + ".jpg"); else image.SaveAsPng(path + ".png");
        }
        return dir;
    }

    private static Rgb24 RandomColor(Random rng) => new((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
}
