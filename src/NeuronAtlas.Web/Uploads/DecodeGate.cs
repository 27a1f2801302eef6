using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Bounds how many uploads are decoded, resized and turned into model input at once
/// (<see cref="UploadOptions.MaxConcurrentDecodes"/>), apart from the inference slots, so decoding never holds a model run.
/// </summary>
public sealed class DecodeGate(IOptions<UploadOptions> options)
    : SlotGate(options.Value.MaxConcurrentDecodes, options.Value.QueueTimeoutMs);
