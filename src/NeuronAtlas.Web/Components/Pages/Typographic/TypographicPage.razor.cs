using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Components.Shared;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Components.Pages.Typographic;

/// <summary>
/// The typographic attack lab. The upload stays in this page's memory; every change of the text or its placement
/// re-runs the attack after a short pause, cancelling a run that has not started yet.
/// </summary>
public partial class TypographicPage
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    [Inject] private TypographicAttackService Attacks { get; set; } = null!;
    [Inject] private CatalogReader Catalog { get; set; } = null!;
    [Inject] private ModelManifests Manifests { get; set; } = null!;
    [Inject] private IOptions<UploadOptions> UploadLimits { get; set; } = null!;
    [Inject] private PageRateLimit RateLimit { get; set; } = null!;
    [Inject] private UploadMemoryBudget UploadBudget { get; set; } = null!;

    private readonly CancellationTokenSource _disposed = new();
    private SupersedingCancellation? _pending;
    private List<ModelSummary> _models = [];
    private string? _modelId, _labels;
    private byte[]? _upload;
    private TypographicLabel _label = TypographicAttackPresets.Get("iPod");
    private TypographicResult? _result;
    private RequestRejectedException? _error;
    private bool _interactive, _busy;

    protected override async Task OnInitializedAsync()
    {
        var models = await Catalog.GetModelsAsync(CancellationToken.None);
        _models = models.Where(m => Manifests.IsClip(m.Id)).ToList();
        _modelId = _models.FirstOrDefault()?.Id;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
    }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        try
        {
            long maxBytes = UploadLimits.Value.MaxBytes;
            if (e.File.Size > maxBytes) throw RequestRejectedException.TooLarge(maxBytes);
            // The budget counts the upload while it is read and first attacked; the page keeps it for re-runs afterwards.
            using var reservation = UploadBudget.Open();
            reservation.EnsureAtLeast(e.File.Size);
            await using var stream = e.File.OpenReadStream(maxBytes, _disposed.Token);
            _upload = await UploadBuffer.ReadAsync(stream, maxBytes, _disposed.Token);
            await AttackAsync(_disposed.Token);
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            (_upload, _result, _error) = (null, null, rejection);
        }
        catch (IOException io)
        {
            (_upload, _result, _error) = (null, null, RequestRejectedException.Unreadable($"The upload could not be read: {io.Message}"));
        }
    }

    private Task OnLabelChanged(TypographicLabel label)
    {
        _label = label;
        return ScheduleAttack();
    }

    /// <summary>Runs the attack after a pause; a newer change cancels this one while it waits.</summary>
    private async Task ScheduleAttack()
    {
        _pending ??= new SupersedingCancellation(_disposed.Token);
        if (_upload is null)
        {
            _pending.CancelCurrent();
            return;
        }
        var token = _pending.Next();
        try
        {
            await Task.Delay(Debounce, token);
            await AttackAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer change replaced this run, or the visitor left.
        }
    }

    private async Task AttackAsync(CancellationToken ct)
    {
        if (_upload is null) return;
        _busy = true;
        try
        {
            RateLimit.Acquire(RateLimitPolicy.Typographic);
            _result = await Attacks.AttackAsync(_upload, _modelId, _label, _labels, ct);
            _error = null;
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            _error = rejection;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _pending?.Dispose();
        _disposed.Dispose();
    }
}
