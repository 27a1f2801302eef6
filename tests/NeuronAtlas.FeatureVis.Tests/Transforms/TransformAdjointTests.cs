using NeuronAtlas.FeatureVis.Tests.Support;
using NeuronAtlas.FeatureVis.Transforms;

namespace NeuronAtlas.FeatureVis.Tests.Transforms;

/// <summary>
/// Every transform is y = L·x + b (padding and out-of-image samples give the constant b); the backward pass must be Lᵀ:
/// ⟨A(x) - A(0), y⟩ = ⟨x, Aᵀ y⟩ on random data, for many random draws.
/// </summary>
public class TransformAdjointTests
{
    public static TheoryData<string> Transforms => new() { "pad", "jitter", "scale", "rotate", "resize-up", "resize-down", "standard", "standard-fused" };

    private static IImageTransform Create(string name) => name switch
    {
        "pad" => new Pad(3),
        "jitter" => new Jitter(4),
        "scale" => new RandomScale(StandardTransforms.Scales),
        "rotate" => new RandomRotate(StandardTransforms.Angles),
        "resize-up" => new Resize(37, 29),
        "resize-down" => new Resize(9, 11),
        "standard" => new Compose([.. StandardTransforms.Create(), new Resize(40, 40)]),
        _ => new Compose([.. StandardTransforms.Create(), new Resize(40, 40)], fuseResampling: true),
    };

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Adjoint_satisfies_the_inner_product_identity(string name)
    {
        var transform = Create(name);
        var input = new ImageShape(3, 30, 26);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xffff);
        for (int draw = 0; draw < 8; draw++)
        {
            var step = transform.Sample(input, random);
            Assert.Equal(input, step.Input);
            var x = RandomData.Uniform(random, input.Length);
            var y = RandomData.Uniform(random, step.Output.Length);
            var ax = new float[step.Output.Length];
            var a0 = new float[step.Output.Length];
            var aty = new float[input.Length];
            step.Apply(x, ax);
            step.Apply(new float[input.Length], a0);
            step.Adjoint(y, aty);
            var linear = ax.Zip(a0, (a, b) => a - b).ToArray();
            RandomData.AssertAdjoint(linear, y, x, aty, $"{name}, draw {draw}");
        }
    }

    [Fact]
    public void Fusing_pads_and_crops_changes_nothing_and_fusing_the_standard_chain_keeps_its_geometry()
    {
        var input = new ImageShape(3, 24, 20);
        var random = new Random(11);
        // A smooth image, so one interpolation and five differ little.
        var image = new float[input.Length];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 24; y++)
                for (int x = 0; x < 20; x++)
                    image[(c * 24 + y) * 20 + x] = 0.5f + 0.4f * MathF.Sin(0.3f * y + c) * MathF.Cos(0.25f * x);

        IImageTransform[] exact = [new Pad(5), new Jitter(4), new Jitter(2), new Pad(1, 0.5f)];
        AssertFusedMatches(exact, input, image, random, tolerance: 1e-6f);

        IImageTransform[] standard = [.. StandardTransforms.Create(), new Resize(36, 36)];
        AssertFusedMatches(standard, input, image, random, tolerance: 0.06f);
        var fusedStep = new Compose(standard, fuseResampling: true).Sample(input, new Random(1));
        Assert.Single(((ComposedStep)fusedStep).Steps);
    }

    private static void AssertFusedMatches(IImageTransform[] transforms, ImageShape input, float[] image, Random random, float tolerance)
    {
        for (int draw = 0; draw < 5; draw++)
        {
            int seed = random.Next();
            var sequential = new Compose(transforms).Sample(input, new Random(seed));
            var fused = new Compose(transforms, fuseResampling: true).Sample(input, new Random(seed));
            Assert.Equal(sequential.Output, fused.Output);
            var a = new float[sequential.Output.Length];
            var b = new float[fused.Output.Length];
            sequential.Apply(image, a);
            fused.Apply(image, b);
            float worst = a.Zip(b, (p, q) => MathF.Abs(p - q)).Max();
            // Lucent's chain blurs a little at every interpolation; away from that the pictures agree.
            float mean = a.Zip(b, (p, q) => MathF.Abs(p - q)).Average();
            Assert.True(tolerance < 1e-3f ? worst <= tolerance : mean <= tolerance / 4 && worst <= 4 * tolerance,
                $"draw {draw}: mean difference {mean}, worst {worst}");
        }
    }

    [Fact]
    public void Pad_surrounds_the_image_with_mid_grey()
    {
        var step = new Pad(2).Sample(new ImageShape(1, 2, 2), new Random(0));
        var output = new float[step.Output.Length];
        step.Apply([1f, 2f, 3f, 4f], output);
        Assert.Equal(new ImageShape(1, 6, 6), step.Output);
        Assert.Equal(0.5f, output[0]);
        Assert.Equal([1f, 2f], output.AsSpan(2 * 6 + 2, 2).ToArray());
        Assert.Equal([3f, 4f], output.AsSpan(3 * 6 + 2, 2).ToArray());
        Assert.Equal(6 * 6 - 4, output.Count(v => v == 0.5f));
    }

    [Fact]
    public void Jitter_crops_by_its_pixels_at_offsets_covering_zero_to_pixels()
    {
        var input = new ImageShape(1, 10, 10);
        var image = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var random = new Random(1);
        var corners = new HashSet<float>();
        for (int i = 0; i < 200; i++)
        {
            var step = new Jitter(2).Sample(input, random);
            Assert.Equal(new ImageShape(1, 8, 8), step.Output);
            var output = new float[64];
            step.Apply(image, output);
            corners.Add(output[0]);
        }
        // Top-left corners (row, column) with row and column in 0..2.
        Assert.Equal(new HashSet<float> { 0, 1, 2, 10, 11, 12, 20, 21, 22 }, corners);
    }

    [Fact]
    public void Resize_to_the_same_size_and_rotation_by_zero_are_the_identity()
    {
        var input = new ImageShape(3, 12, 9);
        var image = RandomData.Uniform(new Random(2), input.Length);
        foreach (var transform in new IImageTransform[] { new Resize(12, 9), new RandomRotate([0f]), new RandomScale([1f]) })
        {
            var step = transform.Sample(input, new Random(3));
            var output = new float[step.Output.Length];
            step.Apply(image, output);
            Assert.Equal(input, step.Output);
            for (int i = 0; i < image.Length; i++) Assert.Equal(image[i], output[i], 5);
        }
    }

    [Fact]
    public void Standard_transforms_are_lucents_list()
    {
        var list = StandardTransforms.Create();
        Assert.Equal(12, Assert.IsType<Pad>(list[0]).Width);
        Assert.Equal(0.5f, ((Pad)list[0]).Value);
        Assert.Equal(8, Assert.IsType<Jitter>(list[1]).Pixels);
        Assert.Equal(11, Assert.IsType<RandomScale>(list[2]).Scales.Count);
        Assert.Equal(0.9f, StandardTransforms.Scales.Min(), 5);
        Assert.Equal(1.1f, StandardTransforms.Scales.Max(), 5);
        Assert.Equal(6, Assert.IsType<RandomRotate>(list[3]).Angles.Count(a => a == 0));
        Assert.Equal(26, StandardTransforms.Angles.Count);
        Assert.Equal(4, Assert.IsType<Jitter>(list[4]).Pixels);
    }

    [Fact]
    public void Rotation_by_ninety_degrees_moves_pixels_around_the_centre()
    {
        var input = new ImageShape(1, 5, 5);
        var image = new float[25];
        image[0 * 5 + 2] = 1f; // top middle
        var step = new RandomRotate([90f]).Sample(input, new Random(0));
        var output = new float[25];
        step.Apply(image, output);
        // Exactly one of the side-middle pixels carries the value; the centre row/column symmetry puts it there.
        var sides = new[] { output[2 * 5 + 0], output[2 * 5 + 4] };
        Assert.Equal(1f, sides.Max(), 5);
        Assert.Equal(0f, sides.Min(), 5);

        // At 45° the corners sample outside the image and take the grey fill; the centre stays.
        var tilted = new float[25];
        new RandomRotate([45f]).Sample(input, new Random(0)).Apply(new float[25], tilted);
        Assert.True(tilted[0] > 0.3f, $"corner {tilted[0]}");
        Assert.Equal(0f, tilted[12]);
    }
}
