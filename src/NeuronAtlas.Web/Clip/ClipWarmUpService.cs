using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Search;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// Once the catalog is open, prepares in the background what the first visitor would otherwise wait for: each CLIP
/// model's text encoder and default zero-shot label embeddings (minutes for RN50x4 on a CPU the first time, then read
/// from the cache folder), and the neuron search indices. Failures are logged; the features then prepare on first use.
/// </summary>
public sealed class ClipWarmUpService(
    CatalogState state,
    CatalogReader catalog,
    ZeroShotService zeroShot,
    NeuronSearchService search,
    IOptions<ZeroShotOptions> options,
    ILogger<ClipWarmUpService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart) return;
        while (!state.IsReady)
        {
            if (state.Status is CatalogStatus.Missing or CatalogStatus.Failed) return;
            await Task.Delay(Poll, stoppingToken);
        }
        try
        {
            foreach (var model in await catalog.GetModelsAsync(stoppingToken))
                if (zeroShot.Model(model.Id) is { } clip)
                    await Task.Run(() => zeroShot.DefaultClassifier(clip), stoppingToken);
            await search.WarmUpAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Preparing zero-shot labels and neuron search in the background failed; they will be prepared on first use.");
        }
    }
}
