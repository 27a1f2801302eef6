using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Bounds how many model runs (each a batch of one or more lookups, <see cref="Lookup.LookupBatcher"/>) run at once:
/// <see cref="UploadOptions.MaxConcurrentInferences"/>.
/// </summary>
public sealed class InferenceGate(IOptions<UploadOptions> options)
    : SlotGate(options.Value.MaxConcurrentInferences, options.Value.QueueTimeoutMs);
