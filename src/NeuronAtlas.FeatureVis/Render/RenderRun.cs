using System.Diagnostics;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Parameterizations;
using NeuronAtlas.FeatureVis.Transforms;

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>One optimization: parameterized images → random transforms → resize → normalization → gradient graph → Adam.</summary>
internal sealed class RenderRun
{
    private readonly ModelManifest _manifest;
    private readonly LayerObjective _objective;
    private readonly GradientSession _session;
    private readonly int _batch;
    private readonly RenderOptions _options;
    private readonly ImageParameterization _image;
    private readonly IImageTransform _transform;
    private readonly ITransformStep _plainResize;
    private readonly ModelInputNormalization _normalization;
    private readonly ImageShape _inputShape;
    private readonly Random[] _transformRandoms;
    private readonly float[] _input;
    private readonly float[] _inputGradient;
    private readonly float[] _imageGradient;
    private readonly float[] _parameterGradient;
    private readonly float[][] _rgb;
    private readonly float[] _drawn;
    private TimeSpan _parameterizationTime, _transformTime, _modelTime, _updateTime;

    public RenderRun(ModelManifest manifest, LayerObjective objective, GradientSession session, int batch, RenderOptions options)
    {
        _manifest = manifest;
        _objective = objective;
        _session = session;
        _batch = batch;
        _options = options;
        var shape = new ImageShape(3, options.ImageSize, options.ImageSize);
        ISpatialParameterization spatial = options.Parameterization == ImageParameterizationKind.Fft
            ? new FftImage(shape, batch, options.DecayPower)
            : new PixelImage(shape, batch);
        _image = new ImageParameterization(spatial, options.DecorrelateColors);
        _inputShape = new ImageShape(3, manifest.Input.Height, manifest.Input.Width);
        var resize = new Resize(_inputShape.Height, _inputShape.Width);
        _transform = new Compose([.. options.Transforms ?? StandardTransforms.Create(), resize], options.FuseTransforms);
        _plainResize = resize.Sample(shape, new Random(0));
        _normalization = new ModelInputNormalization(manifest);
        _transformRandoms = new Random[batch];
        for (int item = 0; item < batch; item++)
        {
            int key = options.ItemSeeds?[item] ?? item;
            spatial.InitializeItem(item, new Random(MixSeed(options.Seed, key, 0)));
            _transformRandoms[item] = new Random(MixSeed(options.Seed, key, 1));
        }
        _input = new float[batch * _inputShape.Length];
        _inputGradient = new float[_input.Length];
        _imageGradient = new float[batch * shape.Length];
        _parameterGradient = new float[_image.Parameters.Length];
        _drawn = new float[_imageGradient.Length];
        _rgb = Enumerable.Range(0, batch).Select(_ => new float[_inputShape.Length]).ToArray();
    }

    public RenderResult Run(IProgress<RenderProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var adam = new AdamOptimizer(_image.Parameters.Length, _options.LearningRate);
        var initial = Evaluate(ct).PerItem;
        for (int step = 1; step <= _options.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            var (perItem, total) = GradientStep(ct);
            var timer = Stopwatch.StartNew();
            // Adam minimizes; the objective is to be maximized.
            for (int i = 0; i < _parameterGradient.Length; i++) _parameterGradient[i] = -_parameterGradient[i];
            adam.Step(_image.Parameters, _parameterGradient);
            _updateTime += timer.Elapsed;
            bool withImages = step == _options.Steps || (_options.ProgressImageEvery > 0 && step % _options.ProgressImageEvery == 0);
            progress?.Report(new RenderProgress(step, _options.Steps, perItem, total, withImages ? CurrentImages() : null));
        }
        ct.ThrowIfCancellationRequested();
        var images = CurrentImages();
        var (finalPerItem, finalTotal) = Evaluate(ct);
        var timings = new RenderTimings(_parameterizationTime, _transformTime, _modelTime, _updateTime);
        return new RenderResult(images, finalPerItem, finalTotal, _options.Steps, clock.Elapsed, timings) { InitialObjective = initial };
    }

    /// <summary>Draws, transforms and normalizes the batch, runs the gradient graph and back-propagates to the parameters.</summary>
    private (float[]? PerItem, float Total) GradientStep(CancellationToken ct)
    {
        var timer = Stopwatch.StartNew();
        _image.Draw().CopyTo(_drawn);
        _parameterizationTime += timer.Elapsed;

        timer.Restart();
        var steps = new ITransformStep[_batch];
        for (int item = 0; item < _batch; item++) steps[item] = _transform.Sample(_image.Shape, _transformRandoms[item]);
        Parallel.For(0, _batch, item => ToModelInput(steps[item], _drawn, item));
        _transformTime += timer.Elapsed;

        timer.Restart();
        var result = _session.Run(_input, _inputGradient, ct);
        _modelTime += timer.Elapsed;

        timer.Restart();
        Parallel.For(0, _batch, item =>
        {
            var rgbGradient = _rgb[item];
            _normalization.Adjoint(_inputGradient.AsSpan(item * _inputShape.Length, _inputShape.Length), rgbGradient, _inputShape.PlaneLength);
            steps[item].Adjoint(rgbGradient, _imageGradient.AsSpan(item * _image.Shape.Length, _image.Shape.Length));
        });
        _transformTime += timer.Elapsed;

        timer.Restart();
        _image.Backward(_imageGradient, _parameterGradient);
        _parameterizationTime += timer.Elapsed;
        return result;
    }

    /// <summary>
    /// The current images resized to the input without random transforms: the per-item objective read from the
    /// layers' own tensors (null without per-item terms) and the optimized graph's total.
    /// </summary>
    private (float[]? PerItem, float Total) Evaluate(CancellationToken ct)
    {
        _image.Draw().CopyTo(_drawn);
        Parallel.For(0, _batch, item => ToModelInput(_plainResize, _drawn, item));
        var tensors = new Dictionary<string, float[]>();
        var (_, total) = _session.Run(_input, _inputGradient, ct, tensors);
        if (!_objective.HasPerItemTerms) return (null, total);
        var activations = _objective.PerItemLayers.ToDictionary(id => id, id => tensors[_manifest.GetLayer(id).Tensor]);
        return (Enumerable.Range(0, _batch).Select(item => _objective.ReadOut(activations, _manifest, item)).ToArray(), total);
    }

    private void ToModelInput(ITransformStep step, float[] images, int item)
    {
        var rgb = _rgb[item];
        step.Apply(images.AsSpan(item * _image.Shape.Length, _image.Shape.Length), rgb);
        _normalization.Apply(rgb, _input.AsSpan(item * _inputShape.Length, _inputShape.Length), _inputShape.PlaneLength);
    }

    private FeatureImage[] CurrentImages()
    {
        var pixels = _image.Draw();
        int length = _image.Shape.Length;
        var images = new FeatureImage[_batch];
        for (int item = 0; item < _batch; item++)
            images[item] = new FeatureImage(_image.Shape.Width, _image.Shape.Height, pixels.Slice(item * length, length).ToArray());
        return images;
    }

    /// <summary>A deterministic seed from (seed, item key, stream); .NET's seeded Random is stable across runs.</summary>
    private static int MixSeed(int seed, int key, int stream)
    {
        ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)key * 0xBF58476D1CE4E5B9UL ^ (ulong)stream * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
