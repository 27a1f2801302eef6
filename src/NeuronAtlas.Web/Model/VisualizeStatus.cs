namespace NeuronAtlas.Web.Model;

/// <summary>How busy live feature visualization is (GET /api/visualize/status).</summary>
/// <param name="Running">Renders holding a run slot.</param>
/// <param name="Queued">Renders waiting for one.</param>
/// <param name="LiveRenderers">Model renderers in memory (in use or waiting out their idle time).</param>
public sealed record VisualizeStatus(int Running, int Queued, int MaxConcurrentRuns, int MaxQueued, int LiveRenderers, int MaxSteps, int MinImageSize, int MaxImageSize);
