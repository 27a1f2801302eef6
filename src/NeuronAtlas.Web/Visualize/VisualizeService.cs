using System.Diagnostics;
using Microsoft.Extensions.Options;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Render;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Live feature visualization: checks a request against the Visualize bounds, parses its objective, waits for a run
/// slot, renders with the slot's renderer under the per-run time limit, and reports queue position, steps and
/// intermediate images as it goes. Cancelling the token (a Cancel button, a closed circuit) stops the render and
/// frees its slot.
/// </summary>
public sealed class VisualizeService(
    ModelManifests manifests,
    ClipModelPool clip,
    VisualizationQueue queue,
    FeatureVisRendererPool renderers,
    TextEncodingGate textGate,
    IOptions<VisualizeOptions> options,
    ILogger<VisualizeService> logger)
{
    private int _active;

    /// <summary>Renders between their start and their end (queued, preparing or optimizing); 0 when nothing leaked.</summary>
    public int ActiveRenders => Volatile.Read(ref _active);

    public VisualizationQueue Queue => queue;

    public FeatureVisRendererPool Renderers => renderers;

    /// <summary>A request with the configured defaults for what it leaves out.</summary>
    public VisualizeRequest Complete(string modelId, string objective, int? seed, int? steps, int? size) =>
        new(modelId, objective.Trim(), seed ?? 0, steps ?? options.Value.DefaultSteps, size ?? options.Value.DefaultImageSize);

    /// <summary>
    /// Checks the bounds and parses the objective without rendering, on the thread pool, never on the caller's thread (a
    /// Blazor circuit's): a text objective runs the CLIP text encoder. Render the result with
    /// <see cref="RenderAsync(PreparedVisualization, Action{VisualizeUpdate}?, CancellationToken)"/>, so the objective is
    /// read and encoded once per run.
    /// </summary>
    /// <exception cref="RequestRejectedException">400 out of bounds, 404 unknown model, 503 when the text encoder is busy.</exception>
    /// <exception cref="ObjectiveSyntaxException">The objective cannot be read; its position says where.</exception>
    public Task<PreparedVisualization> PrepareAsync(VisualizeRequest request, CancellationToken ct) =>
        // A CLIP model's objective may be text:"...", whose parsing runs the text encoder: through its gate.
        manifests.IsClip(request.ModelId) ? textGate.RunAsync(() => Prepare(request), ct) : Task.Run(() => Prepare(request), ct);

    private PreparedVisualization Prepare(VisualizeRequest request)
    {
        var limits = options.Value;
        if (request.Steps < 1 || request.Steps > limits.MaxSteps)
            throw RequestRejectedException.Invalid($"steps must be between 1 and {limits.MaxSteps} (got {request.Steps}).");
        if (request.Size < limits.MinImageSize || request.Size > limits.MaxImageSize)
            throw RequestRejectedException.Invalid($"size must be between {limits.MinImageSize} and {limits.MaxImageSize} pixels (got {request.Size}).");
        if (request.Seed < 0) throw RequestRejectedException.Invalid($"seed cannot be negative (got {request.Seed}).");
        if (request.Objective.Length > limits.MaxObjectiveLength)
            throw RequestRejectedException.Invalid($"The objective is {request.Objective.Length} characters long; the limit is {limits.MaxObjectiveLength}.");
        var manifest = manifests.Find(request.ModelId)
            ?? throw RequestRejectedException.UnknownModel($"No model '{request.ModelId}' has a manifest in the models folder, so it cannot be visualized.");
        return new PreparedVisualization(request, manifest, VisualizeObjectiveParser.Parse(request.Objective, manifest, TextDirection(request.ModelId)));
    }

    /// <summary>A phrase's unit CLIP text embedding for a CLIP model; null for other models.</summary>
    private Func<string, float[]>? TextDirection(string modelId)
    {
        if (!manifests.IsClip(modelId)) return null;
        return phrase =>
        {
            var model = clip.Get(modelId)!;
            using (clip.Use(model)) return model.Text.EmbeddingDirection(phrase);
        };
    }

    /// <summary>Prepares and renders a request (<see cref="PrepareAsync"/>, then the render).</summary>
    /// <exception cref="RequestRejectedException">400/404 as <see cref="PrepareAsync"/>; 503 busy (queue full or wait too long) or time limit.</exception>
    /// <exception cref="ObjectiveSyntaxException">The objective cannot be read.</exception>
    public async Task<VisualizeResult> RenderAsync(VisualizeRequest request, Action<VisualizeUpdate>? progress, CancellationToken ct) =>
        await RenderAsync(await PrepareAsync(request, ct).ConfigureAwait(false), progress, ct).ConfigureAwait(false);

    /// <summary>
    /// Waits for a run slot and renders a prepared request in it, on the thread pool (loading a model and building its
    /// gradient graph take a while); <paramref name="progress"/> is called on the render's thread.
    /// </summary>
    /// <exception cref="RequestRejectedException">503 busy (queue full or wait too long) or time limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <remarks>A missing ONNX file or an op without a gradient rule surfaces as is; <see cref="FailureRejections"/> maps it.</remarks>
    public Task<VisualizeResult> RenderAsync(PreparedVisualization prepared, Action<VisualizeUpdate>? progress, CancellationToken ct) =>
        Task.Run(() => RenderOnPoolAsync(prepared, progress, ct), ct);

    private async Task<VisualizeResult> RenderOnPoolAsync(PreparedVisualization prepared, Action<VisualizeUpdate>? progress, CancellationToken ct)
    {
        var (request, manifest, objective) = prepared;
        Interlocked.Increment(ref _active);
        try
        {
            using var slot = await queue.EnterAsync(position => progress?.Invoke(new VisualizeUpdate(VisualizeStage.Queued, position, 0, request.Steps, null, null)), ct);
            progress?.Invoke(new VisualizeUpdate(VisualizeStage.Preparing, 0, 0, request.Steps, null, null));
            var renderer = renderers.Acquire(slot.Number, manifest);
            try
            {
                return await RenderInSlotAsync(renderer, request, objective, progress, ct);
            }
            finally
            {
                renderers.Release(slot.Number, manifest.Id);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task<VisualizeResult> RenderInSlotAsync(FeatureVisRenderer renderer, VisualizeRequest request, LayerObjective objective,
        Action<VisualizeUpdate>? progress, CancellationToken ct)
    {
        var limit = TimeSpan.FromSeconds(options.Value.RunTimeoutSeconds);
        using var timeout = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var renderOptions = new RenderOptions
        {
            ImageSize = request.Size, Steps = request.Steps, Seed = request.Seed, ProgressImageEvery = options.Value.ProgressImageEvery,
        };
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await renderer.RenderAsync(objective, renderOptions, new StepReporter(progress), linked.Token);
            logger.LogInformation("Rendered {Objective} on {Model}: {Steps} steps at {Size} px in {Seconds:0.0} s.",
                objective.Description, request.ModelId, request.Steps, request.Size, clock.Elapsed.TotalSeconds);
            return new VisualizeResult(request, objective.Description, result.Images[0].ToPng(), result.Objective?[0], result.InitialObjective?[0], clock.Elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new RequestRejectedException(StatusCodes.Status503ServiceUnavailable, "Time limit reached",
                $"The render was stopped after {limit.TotalSeconds:0} s (Visualize:RunTimeoutSeconds). Ask for fewer steps or a smaller size.");
        }
    }

    /// <summary>Turns FeatureVis's step reports into updates, encoding the images it sends as PNG (on the render thread).</summary>
    private sealed class StepReporter(Action<VisualizeUpdate>? progress) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) =>
            progress?.Invoke(new VisualizeUpdate(VisualizeStage.Optimizing, 0, value.Step, value.Steps, value.Objective?[0], value.Images?[0].ToPng()));
    }
}
