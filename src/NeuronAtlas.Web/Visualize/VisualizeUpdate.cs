namespace NeuronAtlas.Web.Visualize;

/// <summary>A progress report of a live render.</summary>
/// <param name="QueuePosition">1 for the next in line; 0 once the render has a slot.</param>
/// <param name="Objective">The objective on this step's transformed image; null before the first step.</param>
/// <param name="Png">The current image, every Visualize:ProgressImageEvery steps; null otherwise.</param>
public sealed record VisualizeUpdate(VisualizeStage Stage, int QueuePosition, int Step, int Steps, float? Objective, byte[]? Png);
