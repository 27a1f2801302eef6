namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// Where output pixel (y, x) samples its source: sy = YFromY·y + YFromX·x + YOffset, sx = XFromY·y + XFromX·x + XOffset.
/// </summary>
public readonly record struct AffineSourceMap(double YFromY, double YFromX, double YOffset, double XFromY, double XFromX, double XOffset)
{
    public static AffineSourceMap Translation(double dy, double dx) => new(1, 0, dy, 0, 1, dx);

    /// <summary>First this map, then <paramref name="inner"/>: output → this map's source → <paramref name="inner"/>'s source.</summary>
    public AffineSourceMap Then(AffineSourceMap inner) => new(
        inner.YFromY * YFromY + inner.YFromX * XFromY, inner.YFromY * YFromX + inner.YFromX * XFromX, inner.YFromY * YOffset + inner.YFromX * XOffset + inner.YOffset,
        inner.XFromY * YFromY + inner.XFromX * XFromY, inner.XFromY * YFromX + inner.XFromX * XFromX, inner.XFromY * YOffset + inner.XFromX * XOffset + inner.XOffset);
}
