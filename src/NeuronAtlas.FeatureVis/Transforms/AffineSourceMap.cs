namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// Where output pixel (y, x) samples its source: sy = YFromY·y + YFromX·x + YOffset, sx = XFromY·y + XFromX·x + XOffset.
/// </summary>
public readonly record struct AffineSourceMap(double YFromY, double YFromX, double YOffset, double XFromY, double XFromX, double XOffset);
