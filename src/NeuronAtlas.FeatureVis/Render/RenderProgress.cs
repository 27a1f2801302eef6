namespace NeuronAtlas.FeatureVis.Render;

/// <summary>
/// Reported after every optimization step. <see cref="Objective"/> is the per-item objective of that step's
/// (transformed) images, null when the objective has no per-item terms; <see cref="Images"/> is set every
/// <see cref="RenderOptions.ProgressImageEvery"/> steps and on the last one.
/// </summary>
public sealed record RenderProgress(int Step, int Steps, float[]? Objective, float Total, IReadOnlyList<FeatureImage>? Images);
