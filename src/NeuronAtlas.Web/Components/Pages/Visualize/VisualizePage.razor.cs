using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Components.Pages.Visualize;

/// <summary>
/// The live visualizer. Settings come from the address (model, objective, seed, steps, size); an address with an
/// objective starts rendering as soon as the live connection is up. Intermediate images stream in as the render
/// reports them; Cancel, or leaving the page, stops the render and frees its slot.
/// </summary>
public partial class VisualizePage
{
    private static readonly int[] StandardSizes = [32, 64, 96, 128, 192, 256, 384, 512];
    private static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(150);

    [Inject] private VisualizeService Service { get; set; } = null!;
    [Inject] private CatalogReader Catalog { get; set; } = null!;
    [Inject] private ModelManifests Manifests { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;
    [Inject] private PageRateLimit RateLimit { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private AbsoluteUrls Absolute { get; set; } = null!;
    [Inject] private IOptions<VisualizeOptions> Options { get; set; } = null!;
    [Inject] private ILogger<VisualizePage> Logger { get; set; } = null!;

    /// <summary>The model id, from ?model=; the first model with a manifest when absent.</summary>
    [SupplyParameterFromQuery(Name = "model")] public string? Model { get; set; }
    /// <summary>The objective, from ?objective=; rendering starts at once when present.</summary>
    [SupplyParameterFromQuery(Name = "objective")] public string? Objective { get; set; }
    /// <summary>The seed, from ?seed=. Defaults to 0.</summary>
    [SupplyParameterFromQuery(Name = "seed")] public int? Seed { get; set; }
    /// <summary>The steps, from ?steps=. Defaults to Visualize:DefaultSteps.</summary>
    [SupplyParameterFromQuery(Name = "steps")] public int? Steps { get; set; }
    /// <summary>The image side, from ?size=. Defaults to Visualize:DefaultImageSize.</summary>
    [SupplyParameterFromQuery(Name = "size")] public int? Size { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _run;
    private List<ModelSummary> _models = [];
    private string? _modelId, _placeholder, _error, _imageDataUrl;
    private string _objective = "";
    private int _seed, _steps, _size;
    private bool _interactive, _running, _isClip, _startOnConnect;
    private ModelManifest? _manifest;
    private ObjectiveSyntaxException? _syntaxError;
    /// <summary>The address's request as checked on load, which the run it starts then renders without reading it again.</summary>
    private PreparedVisualization? _prepared;
    private VisualizeUpdate? _update;
    private VisualizeResult? _final;
    private string? _stopped;
    private readonly Stopwatch _sinceRender = Stopwatch.StartNew();

    private VisualizeOptions Limits => Options.Value;

    private IEnumerable<int> Sizes => StandardSizes.Append(_size).Where(s => s >= Limits.MinImageSize && s <= Limits.MaxImageSize).Distinct().Order();

    protected override async Task OnInitializedAsync()
    {
        var models = await Catalog.GetModelsAsync(CancellationToken.None);
        _models = models.Where(m => Manifests.Find(m.Id) is not null).ToList();
        _modelId = _models.Any(m => m.Id == Model) ? Model : _models.FirstOrDefault()?.Id;
        _objective = Objective?.Trim() ?? "";
        _seed = Seed ?? 0;
        _steps = Steps ?? Limits.DefaultSteps;
        _size = Size ?? Limits.DefaultImageSize;
        OnModelChanged();
        if (_objective.Length > 0 && _modelId is not null)
        {
            _prepared = await CheckAsync(CurrentRequest(), _disposed.Token);
            _startOnConnect = _prepared is not null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _interactive = true;
        if (_startOnConnect) await StartAsync();
        else StateHasChanged();
    }

    private void OnModelChanged()
    {
        _manifest = _modelId is null ? null : Manifests.Find(_modelId);
        _isClip = _modelId is not null && Manifests.IsClip(_modelId);
        var layer = _manifest?.Layers.MaxBy(l => l.Channels);
        _placeholder = layer is null ? "" : _isClip ? $"{layer.Id}:12 or text:\"a spider\"" : $"{layer.Id}:12 + {layer.Id}:40 - 0.5*{_manifest!.Layers[0].Id}:7";
    }

    private VisualizeRequest CurrentRequest() => Service.Complete(_modelId ?? "", _objective, _seed, _steps, _size);

    /// <summary>
    /// Checks the request and reads its objective (a text objective's encoding runs off the circuit), showing any
    /// problem; the prepared request, or null.
    /// </summary>
    private async Task<PreparedVisualization?> CheckAsync(VisualizeRequest request, CancellationToken ct)
    {
        (_syntaxError, _error) = (null, null);
        try
        {
            return await Service.PrepareAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception failure)
        {
            ShowFailure(failure);
            return null;
        }
    }

    private async Task StartAsync()
    {
        if (_running || _modelId is null) return;
        var request = CurrentRequest();
        (_final, _update, _stopped, _running) = (null, null, null, true);
        _run = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token, Connection.ConnectionLost);
        var token = _run.Token;
        StateHasChanged();
        try
        {
            RateLimit.Acquire(RateLimitPolicy.Visualize);
            // Read once per run: the render uses this objective as prepared, its text embedding included.
            var prepared = _prepared is { } loaded && loaded.Request == request ? loaded : await CheckAsync(request, token);
            _prepared = null;
            if (prepared is null) return;
            await ShowInAddressBarAsync(request.Url);
            _final = await Service.RenderAsync(prepared, OnUpdate, token);
            _imageDataUrl = ToDataUrl(_final.Png);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _stopped = _update is { Stage: VisualizeStage.Optimizing } at ? $"Cancelled at step {at.Step} of {at.Steps}." : "Cancelled.";
        }
        catch (Exception failure)
        {
            // Whatever the render throws is shown here; an exception escaping the handler would end the visitor's circuit.
            ShowFailure(failure);
        }
        finally
        {
            _running = false;
            _run.Dispose();
            _run = null;
            // A render started by the address runs inside OnAfterRenderAsync, after which nothing redraws by itself.
            StateHasChanged();
        }
    }

    /// <summary>Shows a failure: the objective's problem, a rejection's message, or, for anything else, a logged generic message.</summary>
    private void ShowFailure(Exception failure)
    {
        if (failure is ObjectiveSyntaxException syntax)
            _syntaxError = syntax;
        else if (failure.AsRejection() is { } rejection)
            _error = $"{rejection.Title}: {rejection.Message}";
        else
        {
            Logger.LogError(failure, "A live render of {Model} failed.", _modelId);
            _error = "The render failed unexpectedly; the error has been logged.";
        }
    }

    private void Cancel() => _run?.Cancel();

    /// <summary>Puts the shareable address in the address bar without navigating (a navigation would restart the page).</summary>
    private async Task ShowInAddressBarAsync(string url)
    {
        try
        {
            await JS.InvokeVoidAsync("history.replaceState", null, "", url);
        }
        catch (JSDisconnectedException)
        {
            // The visitor left; the render is being cancelled.
        }
    }

    /// <summary>
    /// Called on the render's thread: hands the update to the circuit, which keeps the newest state and redraws at most
    /// every 150 ms, or at once for a new image. Component state is only touched inside InvokeAsync.
    /// </summary>
    private void OnUpdate(VisualizeUpdate update) => _ = InvokeAsync(() =>
    {
        _update = update;
        if (update.Png is not null) _imageDataUrl = ToDataUrl(update.Png);
        if (update.Png is null && update.Stage == VisualizeStage.Optimizing && _sinceRender.Elapsed < MinRenderInterval) return;
        _sinceRender.Restart();
        StateHasChanged();
    });

    private string State => _running ? (_update?.Stage ?? VisualizeStage.Preparing).ToString().ToLowerInvariant()
        : _final is not null ? "done" : _stopped is not null ? "cancelled" : _error is not null || _syntaxError is not null ? "error" : "idle";

    private string StatusText => _running
        ? _update switch
        {
            { Stage: VisualizeStage.Queued } q => $"All render slots are busy: you are number {q.QueuePosition} in the queue.",
            { Stage: VisualizeStage.Optimizing } s => $"Step {s.Step} of {s.Steps}" + (s.Objective is { } o ? $" · objective {Format(o)}" : ""),
            _ => "Loading the model and building its gradient graph…",
        }
        : _final is { } f ? $"Done in {f.Elapsed.TotalSeconds:0.0} s: {f.ObjectiveDescription} went from {Format(f.InitialObjective)} to {Format(f.Objective)}."
        : _stopped ?? (_interactive ? "Write an objective and press Render." : "Connecting…");

    private static string Format(float? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";

    private static string ToDataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static string DownloadName(VisualizeRequest request) =>
        string.Concat($"{request.ModelId}-{request.Objective}-seed{request.Seed}-{request.Steps}steps.png".Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
