namespace NeuronAtlas.Web.Visualize;

/// <summary>A finished live render.</summary>
/// <param name="ObjectiveDescription">The objective as parsed, e.g. "channel(layer4:12) - 0.5 × channel(layer3:7)".</param>
/// <param name="Objective">The objective on the final image, resized to the model input without random transforms.</param>
/// <param name="InitialObjective">The same on the starting image.</param>
public sealed record VisualizeResult(VisualizeRequest Request, string ObjectiveDescription, byte[] Png, float? Objective, float? InitialObjective, TimeSpan Elapsed);
