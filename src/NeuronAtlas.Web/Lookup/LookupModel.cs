using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Web.Lookup;

/// <summary>A model loaded for lookups: its extractor, the batcher that shares its runs between requests, and its preprocessing.</summary>
public sealed record LookupModel(ActivationExtractor Extractor, LookupBatcher Batcher, ImagePreprocessor Preprocessor);
