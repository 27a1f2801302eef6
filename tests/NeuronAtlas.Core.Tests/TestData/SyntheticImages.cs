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

    /// <summary>
    /// A photo-like scene, the same in every orientation test only if it is upright: smooth gradients, an off-centre
    /// disc, stripes, a bright corner block and seeded fine noise.
    /// </summary>
    public static Image<Rgb24> Scene(int width, int height, int seed = 1)
    {
        var rng = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double dx = x - width * 0.35, dy = y - height * 0.4, r = Math.Min(width, height) / 5.0;
            int noise = rng.Next(-12, 13);
            Rgb24 c = dx * dx + dy * dy < r * r ? new Rgb24(220, 50, 40)
                : x < width / 6 && y < height / 5 ? new Rgb24(250, 240, 120)
                : (x + 2 * y) * 24 / Math.Min(width, height) % 2 == 0 ? new Rgb24(30, 60, 90)
                : new Rgb24((byte)(x * 255 / width), (byte)(y * 200 / height), 160);
            image[x, y] = new Rgb24(Clamp(c.R + noise), Clamp(c.G + noise), Clamp(c.B + noise));
        }
        return image;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

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
