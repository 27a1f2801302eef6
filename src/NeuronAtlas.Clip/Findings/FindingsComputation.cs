using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// Computes one model's findings against its baselines: the census of the last image block (its first manifest layer)
/// and of the attention-pool output (the image embedding), zero-shot scores, sparse class probes and neuron families.
/// The typographic attack is run separately (<see cref="ConceptTypographicAttack"/>) and joined by the caller.
/// When the manifest also lists the pool's output as a layer (<see cref="AttentionPoolLayer"/>, as tools/clip_export
/// writes for the demo CLIP), the pool census's units link to that layer's neuron pages.
/// </summary>
public sealed class FindingsComputation(FindingsInputs inputs, InferenceOptions options, IProgress<DatasetPassProgress>? progress = null)
{
    public const string AttentionPoolLayer = "image_attnpool";

    private readonly (int[] Indices, int[] Concepts) _pictures = FindingsInputs.Select(inputs.Pictures, inputs.Concepts);
    private readonly (int[] Indices, int[] Concepts) _words = FindingsInputs.Select(inputs.Words, inputs.Concepts);

    /// <summary>The figures of one model, and (for the main model) its per-picture activations for probes and families.</summary>
    public (ModelFigures Figures, ImageActivations Pictures) Measure(ModelManifest manifest, string role, CancellationToken ct = default)
    {
        if (!ClipModel.IsClip(manifest)) throw new InvalidOperationException($"'{manifest.Id}' is not a CLIP model: findings need a text tower.");
        var concepts = inputs.Concepts;
        string layerId = manifest.Layers[0].Id;
        var pictures = ImageActivations.Compute(manifest, layerId, options, inputs.Pictures, _pictures.Indices, progress, $"{manifest.Id} pictures", ct);
        var words = ImageActivations.Compute(manifest, layerId, options, inputs.Words, _words.Indices, progress, $"{manifest.Id} words", ct);
        var census = new MultimodalCensus(concepts.Concepts);

        LayerCensus Census(string id, string name, IReadOnlyList<float[]> pictureRows, IReadOnlyList<float[]> wordRows, bool rotate, string? neuronLayer)
        {
            var p = ConceptActivations.Average(pictureRows, _pictures.Concepts, concepts.Count);
            var w = ConceptActivations.Average(wordRows, _words.Concepts, concepts.Count);
            return new LayerCensus(id, name, census.Run(p, w), census.Shuffle(p, w, FindingsInputs.ShufflePermutations),
                rotate ? census.RandomRotations(p, w, FindingsInputs.Rotations) : null, neuronLayer);
        }

        var lastBlock = Census(layerId, manifest.Layers[0].DisplayName, pictures.Layer, words.Layer, rotate: false, layerId);
        var poolLayer = manifest.Layers.FirstOrDefault(l => l.Id == AttentionPoolLayer && l.Channels == manifest.Embedding!.Dimensions);
        var pool = Census(manifest.Embedding!.Tensor, poolLayer?.DisplayName ?? "attention-pool output (image embedding)", pictures.Embedding, words.Embedding,
            rotate: true, poolLayer?.Id);

        using var clip = ClipModel.Load(manifest, options);
        var classifier = ZeroShotClassifier.Create(clip, new LabelSet("concepts", concepts.Labels), inputs.Prompts, inputs.ZeroShotCache);
        var heldOut = PictureSubset(p => inputs.Pictures.Describe(p).Style == FindingsInputs.HeldOutStyle);
        var trained = PictureSubset(p => inputs.Pictures.Describe(p).Style != FindingsInputs.HeldOutStyle);
        var unseen = Enumerable.Range(0, _words.Indices.Length).Where(i => concepts.Concepts[_words.Concepts[i]].UnseenWord).ToList();
        var zeroShot = new List<ZeroShotScore>
        {
            Score($"{FindingsInputs.HeldOutStyle} pictures (held-out style)", pictures.Embedding, _pictures.Concepts, heldOut),
            Score("words in held-out fonts", words.Embedding, _words.Concepts, Enumerable.Range(0, _words.Indices.Length).ToList()),
            Score("held-out-font words of unseen words", words.Embedding, _words.Concepts, unseen),
            Score("training-style pictures", pictures.Embedding, _pictures.Concepts, trained),
        };
        return (new ModelFigures(manifest.Id, manifest.DisplayName, role, lastBlock, pool, zeroShot), pictures);

        ZeroShotScore Score(string set, IReadOnlyList<float[]> embeddings, int[] truth, IReadOnlyList<int> subset) =>
            ZeroShotScore.Of(set, classifier, subset.Select(i => embeddings[i]).ToList(), subset.Select(i => truth[i]).ToList());
    }

    /// <summary>Probe classes: the emoji subgroups with at least <see cref="FindingsInputs.MinConceptsPerProbeClass"/> concepts.</summary>
    public IReadOnlyList<string> ProbeClasses() =>
        inputs.Concepts.Concepts.GroupBy(c => c.Subgroup).Where(g => g.Count() >= FindingsInputs.MinConceptsPerProbeClass)
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Sparse subgroup probes on the last block: trained on training-style pictures, tested on the held-out style; null
    /// when fewer than two subgroups have enough concepts (the report says so).
    /// </summary>
    public ProbeReport? Probes(ImageActivations pictures)
    {
        var classes = ProbeClasses();
        if (classes.Count < 2) return null;
        var classOf = classes.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var train = new List<(float[] Row, int Class)>();
        var test = new List<(float[] Row, int Class)>();
        for (int i = 0; i < _pictures.Indices.Length; i++)
        {
            if (!classOf.TryGetValue(inputs.Concepts.Concepts[_pictures.Concepts[i]].Subgroup, out int c)) continue;
            var target = inputs.Pictures.Describe(_pictures.Indices[i]).Style == FindingsInputs.HeldOutStyle ? test : train;
            target.Add((pictures.Layer[i], c));
        }
        return new SparseClassProbes(FindingsInputs.ProbeBudgets).Run(train.Select(t => t.Row).ToList(), train.Select(t => t.Class).ToList(),
            test.Select(t => t.Row).ToList(), test.Select(t => t.Class).ToList(), classes);
    }

    public IReadOnlyList<NeuronFamily> Families(ImageActivations pictures) =>
        NeuronFamilies.Group(ConceptActivations.Average(pictures.Layer, _pictures.Concepts, inputs.Concepts.Count), inputs.Concepts.Concepts);

    public FindingsSetup Setup(ModelManifest manifest) => new(
        inputs.Concepts.Count, inputs.Concepts.Concepts.Count(c => c.UnseenWord), inputs.Concepts.Concepts.Count(c => c.GlyphLike), GlyphConcepts.Description,
        manifest.Layers[0].Id, inputs.Pictures.Name, _pictures.Indices.Length, FindingsInputs.HeldOutStyle, inputs.Words.Name, _words.Indices.Length,
        MultimodalCensus.DefaultTopShare, MultimodalCensus.DefaultMinWordToPicture, FindingsInputs.ShufflePermutations, FindingsInputs.Rotations, inputs.Prompts.Templates, ProbeClasses(), FindingsInputs.MinConceptsPerProbeClass);

    private List<int> PictureSubset(Func<int, bool> keep) =>
        Enumerable.Range(0, _pictures.Indices.Length).Where(i => keep(_pictures.Indices[i])).ToList();
}
