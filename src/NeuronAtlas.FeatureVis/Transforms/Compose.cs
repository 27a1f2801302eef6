namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// Lucent's compose: applies the transforms in order; each step draws all of them afresh. With
/// <paramref name="fuseResampling"/>, consecutive affine steps (pad, jitter, scale, rotate, resize) whose fills agree
/// are merged into one bilinear resampling of the composed map: the same geometry with one interpolation instead of
/// one per step, which is several times cheaper and blurs less. A step that shows a fill outside its input joins only
/// while no earlier step of the group has cut image content off: the fused map would show that content instead.
/// </summary>
public sealed class Compose(IReadOnlyList<IImageTransform> transforms, bool fuseResampling = false) : IImageTransform
{
    public Compose(params IImageTransform[] transforms) : this((IReadOnlyList<IImageTransform>)transforms)
    {
    }

    public IReadOnlyList<IImageTransform> Transforms { get; } = transforms;

    public bool FuseResampling { get; } = fuseResampling;

    public ITransformStep Sample(ImageShape input, Random random)
    {
        var steps = new List<ITransformStep>(Transforms.Count);
        var shape = input;
        foreach (var transform in Transforms)
        {
            var step = transform.Sample(shape, random);
            steps.Add(step);
            shape = step.Output;
        }
        return new ComposedStep(input, FuseResampling ? Fuse(steps) : steps);
    }

    private static List<ITransformStep> Fuse(List<ITransformStep> steps)
    {
        var fused = new List<ITransformStep>();
        int i = 0;
        while (i < steps.Count)
        {
            if (steps[i] is not IResamplingStep first)
            {
                fused.Add(steps[i++]);
                continue;
            }
            var map = first.Map;
            var fill = first.Fill;
            int end = i + 1;
            for (; end < steps.Count && steps[end] is IResamplingStep next && CanJoin(next, fill, map, first.Input, steps[end - 1].Output); end++)
            {
                map = next.Map.Then(map);
                fill ??= next.Fill;
            }
            var output = steps[end - 1].Output;
            fused.Add(end - i == 1 ? first : new BilinearResampleStep(first.Input, output.Height, output.Width, map, fill));
            i = end;
        }
        return fused;
    }

    /// <summary>Whether <paramref name="next"/> can be merged into a group with this fill and map (group output <paramref name="frame"/>).</summary>
    private static bool CanJoin(IResamplingStep next, float? fill, AffineSourceMap map, ImageShape input, ImageShape frame)
    {
        if (next.Fill is null) return true;
        if (fill is not null && next.Fill != fill) return false;
        // Every corner of the group's input must still lie inside the frame, so the frame shows all of the content.
        double det = map.YFromY * map.XFromX - map.YFromX * map.XFromY;
        if (Math.Abs(det) < 1e-12) return false;
        foreach (var (y, x) in new (double, double)[] { (0, 0), (0, input.Width - 1), (input.Height - 1, 0), (input.Height - 1, input.Width - 1) })
        {
            double dy = y - map.YOffset, dx = x - map.XOffset;
            double fy = (map.XFromX * dy - map.YFromX * dx) / det, fx = (-map.XFromY * dy + map.YFromY * dx) / det;
            if (fy < 0 || fx < 0 || fy > frame.Height - 1 || fx > frame.Width - 1) return false;
        }
        return true;
    }
}
