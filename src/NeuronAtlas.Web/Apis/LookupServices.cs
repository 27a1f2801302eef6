using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Apis;

/// <summary>What the lookup endpoint uses, bound with [AsParameters].</summary>
public sealed class LookupServices(ImageLookupService lookup, IOptions<UploadOptions> limits, UploadMemoryBudget budget)
{
    public ImageLookupService Lookup { get; } = lookup;
    public IOptions<UploadOptions> Limits { get; } = limits;
    public UploadMemoryBudget Budget { get; } = budget;
}
