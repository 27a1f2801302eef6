using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Healthy once the whole catalog is open, degraded while it (or a later model of it) is being built, unhealthy when it is missing or broken.</summary>
public sealed class CatalogHealthCheck(CatalogState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string description = CatalogReadinessMiddleware.Describe(state);
        return Task.FromResult(state.Status switch
        {
            CatalogStatus.Ready when state.PendingModels.Count > 0 => HealthCheckResult.Degraded(description),
            CatalogStatus.Ready => HealthCheckResult.Healthy($"Catalog version {state.Version}."),
            CatalogStatus.Building or CatalogStatus.Starting => HealthCheckResult.Degraded(description),
            _ => HealthCheckResult.Unhealthy(description),
        });
    }
}
