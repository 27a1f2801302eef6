using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Apis;

/// <summary>What the typographic attack endpoint uses, bound with [AsParameters].</summary>
public sealed class TypographicServices(TypographicAttackService attacks, IOptions<UploadOptions> limits, UploadMemoryBudget budget)
{
    public TypographicAttackService Attacks { get; } = attacks;
    public IOptions<UploadOptions> Limits { get; } = limits;
    public UploadMemoryBudget Budget { get; } = budget;
}
