using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// What a lookup answers for one image run alone: the app's own decoding and preprocessing, a batch of 1 on the
/// lookup's session (bypassing the batcher), ranked and labelled as the lookup does. Batched answers are compared with it.
/// </summary>
public static class SingleImageLookup
{
    /// <summary>
    /// ONNX Runtime's CPU kernels may split a batch of N differently from a batch of 1 (blocking, threads), which can
    /// change a float's last bits; 1e-5 relative is a few ulps at these magnitudes, far below any ranking difference.
    /// </summary>
    public const double Tolerance = 1e-5;

    public static async Task<(IReadOnlyList<LookupLayer> Layers, ZeroShotLabels? ZeroShot)> AnswerAsync(KestrelBatchingAppFixture app, byte[] bytes, int top)
    {
        var services = app.Factory.Services;
        var decoder = services.GetRequiredService<UploadImageDecoder>();
        var catalog = await services.GetRequiredService<LookupCatalogReader>().GetModelAsync(app.ModelId, CancellationToken.None);
        var model = await app.ModelAsync();
        var input = new float[model.Preprocessor.TensorLength];
        using (var image = decoder.Decode(decoder.Inspect(bytes), model.Preprocessor.DecodeShortSide))
        using (var cropped = model.Preprocessor.ResizeAndCrop(image))
            model.Preprocessor.WriteTensor(cropped, input);
        using var batch = model.Extractor.Run(input, 1);
        var activations = batch.CopyItems(0, 1);
        var layers = catalog!.Layers.Select(layer => ImageLookupService.RankLayer(app.ModelId, layer, activations, top)).ToList();
        var zeroShot = services.GetRequiredService<ZeroShotService>();
        var clip = zeroShot.Model(app.ModelId);
        var labels = clip is null ? null : zeroShot.Classify(zeroShot.DefaultClassifier(clip), activations.Tensor(clip.Manifest.Embedding!.Tensor));
        return (layers, labels);
    }

    /// <summary>
    /// Looks up the images as one batch (<see cref="PostAsOneBatchAsync"/>), checks that exactly one model run of all of
    /// them served them, and that each answer is its single-image answer (<see cref="AssertSame"/>).
    /// </summary>
    /// <returns>The largest relative difference seen.</returns>
    public static async Task<double> AssertBatchAnswersAsSingleRunsAsync(KestrelBatchingAppFixture app, IReadOnlyList<byte[]> images)
    {
        var before = (await app.ModelAsync()).Batcher.Statistics;

        var answers = await PostAsOneBatchAsync(app, images, ImageLookupService.MaxTop);

        var after = (await app.ModelAsync()).Batcher.Statistics;
        Assert.Equal(1, after.Runs - before.Runs);
        Assert.Equal(images.Count, after.Largest);
        double largest = 0;
        for (int i = 0; i < images.Count; i++)
            largest = Math.Max(largest, AssertSame(await AnswerAsync(app, images[i], ImageLookupService.MaxTop), answers[i]));
        return largest;
    }

    /// <summary>
    /// Posts every image while the app's only inference slot is held, waits until all are queued, then frees the slot,
    /// so they share one batch; returns the answers in order.
    /// </summary>
    public static async Task<JsonElement[]> PostAsOneBatchAsync(KestrelBatchingAppFixture app, IReadOnlyList<byte[]> images, int top)
    {
        Task<HttpResponseMessage>[] posts;
        using (await app.Gate.EnterAsync(CancellationToken.None))
        {
            posts = images.Select((bytes, i) =>
                LookupRequests.PostAsync(app.Client, bytes, $"image-{i}", "application/octet-stream", $"?model={app.ModelId}&top={top}")).ToArray();
            await app.WaitQueuedAsync(images.Count);
        }
        var responses = await Task.WhenAll(posts);
        foreach (var response in responses)
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
    }

    /// <summary>Asserts a batched answer equals the single-image one: the same neurons in the same order, activations and labels within <see cref="Tolerance"/>.</summary>
    /// <returns>The largest relative difference seen.</returns>
    public static double AssertSame((IReadOnlyList<LookupLayer> Layers, ZeroShotLabels? ZeroShot) alone, JsonElement batched)
    {
        double largest = 0;
        void Close(float actual, float expected, string what)
        {
            double difference = Math.Abs(actual - expected);
            largest = Math.Max(largest, difference / Math.Max(1, Math.Abs(expected)));
            Assert.True(difference <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: batched {actual}, alone {expected}");
        }

        var layers = batched.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(alone.Layers.Select(l => l.LayerId), layers.Select(l => l.GetProperty("layerId").GetString()));
        foreach (var (layer, single) in layers.Zip(alone.Layers))
        {
            var neurons = layer.GetProperty("neurons").EnumerateArray().ToList();
            Assert.Equal(single.Neurons.Select(n => n.Index), neurons.Select(n => n.GetProperty("index").GetInt32()));
            foreach (var (neuron, expected) in neurons.Zip(single.Neurons))
                Close(neuron.GetProperty("activation").GetSingle(), expected.Activation, $"{single.LayerId} neuron {expected.Index}");
        }
        if (alone.ZeroShot is null)
        {
            Assert.Equal(JsonValueKind.Null, batched.GetProperty("zeroShot").ValueKind);
            return largest;
        }
        var top = batched.GetProperty("zeroShot").GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(alone.ZeroShot.Top.Select(l => l.Label), top.Select(t => t.GetProperty("label").GetString()));
        foreach (var (label, expected) in top.Zip(alone.ZeroShot.Top))
        {
            Close(label.GetProperty("probability").GetSingle(), expected.Probability, $"probability of {expected.Label}");
            Close(label.GetProperty("cosine").GetSingle(), expected.Cosine, $"cosine of {expected.Label}");
        }
        return largest;
    }
}
