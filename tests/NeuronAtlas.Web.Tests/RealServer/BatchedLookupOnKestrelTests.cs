using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Uploads;
using Xunit.Abstractions;

namespace NeuronAtlas.Web.Tests.RealServer;

/// <summary>
/// Lookups batched across users, through a real Kestrel server with one inference slot. The tests hold that slot while
/// requests queue, so the batch they then share is certain, not a matter of timing.
/// </summary>
public sealed class BatchedLookupOnKestrelTests(KestrelBatchingAppFixture app, ITestOutputHelper output) : IClassFixture<KestrelBatchingAppFixture>
{
    /// <summary>
    /// ONNX Runtime's CPU kernels may split a batch of N differently from a batch of 1 (blocking, threads), which can
    /// change a float's last bits; 1e-5 relative is a few ulps at these magnitudes, far below any ranking difference.
    /// </summary>
    private const double Tolerance = 1e-5;

    [Fact]
    public async Task Different_images_run_in_one_batch_each_get_what_a_single_image_run_gives()
    {
        byte[][] images =
        [
            TestImages.Jpeg(), TestImages.Png(640, 480), TestImages.RedSquare(transparent: false), TestImages.Webp(200, 320),
        ];
        var before = app.Model.Batcher.Statistics;

        Task<HttpResponseMessage>[] posts;
        using (await app.Gate.EnterAsync(CancellationToken.None))
        {
            posts = images.Select((bytes, i) => LookupRequests.PostAsync(app.Client, bytes, $"image-{i}", "application/octet-stream", "?top=64")).ToArray();
            await app.WaitQueuedAsync(images.Length);
        }
        var answers = await ReadAllOkAsync(posts);

        var after = app.Model.Batcher.Statistics;
        Assert.Equal(1, after.Runs - before.Runs);
        Assert.Equal(images.Length, after.Largest);
        double largestDifference = 0;
        for (int i = 0; i < images.Length; i++)
        {
            var expected = await SingleImageAnswerAsync(images[i], top: 64);
            var layers = answers[i].GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(expected.Select(l => l.LayerId), layers.Select(l => l.GetProperty("layerId").GetString()));
            foreach (var (layer, single) in layers.Zip(expected))
            {
                var neurons = layer.GetProperty("neurons").EnumerateArray().ToList();
                Assert.Equal(single.Neurons.Select(n => n.Index), neurons.Select(n => n.GetProperty("index").GetInt32()));
                foreach (var (batched, alone) in neurons.Zip(single.Neurons))
                {
                    double difference = Math.Abs(batched.GetProperty("activation").GetSingle() - alone.Activation);
                    largestDifference = Math.Max(largestDifference, difference / Math.Max(1, Math.Abs(alone.Activation)));
                    Assert.True(difference <= Tolerance * Math.Max(1, Math.Abs(alone.Activation)),
                        $"image {i}, {single.LayerId} neuron {alone.Index}: batched {batched.GetProperty("activation").GetSingle()}, alone {alone.Activation}");
                }
            }
        }
        output.WriteLine($"largest relative difference, batch of {images.Length} vs batch of 1: {largestDifference:E2}");
    }

    [Fact]
    public async Task A_cancelled_lookup_leaves_the_others_of_its_batch_to_finish()
    {
        var jpeg = TestImages.Jpeg();
        Task<HttpResponseMessage> first, last;
        using var cancel = new CancellationTokenSource();
        using (await app.Gate.EnterAsync(CancellationToken.None))
        {
            first = LookupRequests.PostAsync(app.Client, jpeg, "first.jpg", "image/jpeg");
            var cancelled = app.Client.PostAsync("/api/lookup", LookupRequests.Multipart(jpeg, "cancelled.jpg", "image/jpeg"), cancel.Token);
            last = LookupRequests.PostAsync(app.Client, jpeg, "last.jpg", "image/jpeg");
            await app.WaitQueuedAsync(3);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        }
        var kept = await Task.WhenAll(first, last);

        Assert.All(kept, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await Task.WhenAll(kept.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(answers[0].GetProperty("layers").GetRawText(), answers[1].GetProperty("layers").GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await LookupRequests.PostAsync(app.Client, jpeg, "after.jpg", "image/jpeg")).StatusCode);
    }

    [Fact]
    public async Task A_full_queue_answers_503_busy_at_once_and_the_queued_lookups_still_succeed()
    {
        var jpeg = TestImages.Jpeg();
        HttpResponseMessage refused;
        Task<HttpResponseMessage>[] queued;
        using (await app.Gate.EnterAsync(CancellationToken.None))
        {
            queued = Enumerable.Range(0, KestrelBatchingAppFixture.MaxBatchSize)
                .Select(i => LookupRequests.PostAsync(app.Client, jpeg, $"queued-{i}.jpg", "image/jpeg")).ToArray();
            await app.WaitQueuedAsync(KestrelBatchingAppFixture.MaxBatchSize);
            refused = await LookupRequests.PostAsync(app.Client, jpeg, "refused.jpg", "image/jpeg");
            Assert.DoesNotContain(queued, p => p.IsCompleted);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Busy, retry", problem.GetProperty("title").GetString());
        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static async Task<JsonElement[]> ReadAllOkAsync(Task<HttpResponseMessage>[] posts)
    {
        var responses = await Task.WhenAll(posts);
        foreach (var response in responses)
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
    }

    /// <summary>
    /// The same image through the app's own decoding and preprocessing, run alone (batch of 1) on the lookup's session,
    /// bypassing the batcher, and ranked as the lookup ranks.
    /// </summary>
    private async Task<IReadOnlyList<Model.LookupLayer>> SingleImageAnswerAsync(byte[] bytes, int top)
    {
        var services = app.Factory.Services;
        var decoder = services.GetRequiredService<UploadImageDecoder>();
        var catalog = await services.GetRequiredService<LookupCatalogReader>().GetModelAsync(TestCatalog.Model, CancellationToken.None);
        var model = app.Model;
        var input = new float[model.Preprocessor.TensorLength];
        using (var image = decoder.Decode(decoder.Inspect(bytes)))
        using (var cropped = model.Preprocessor.ResizeAndCrop(image))
            model.Preprocessor.WriteTensor(cropped, input);
        using var batch = model.Extractor.Run(input, 1);
        var activations = batch.CopyItems(0, 1);
        return catalog!.Layers.Select(layer => ImageLookupService.RankLayer(TestCatalog.Model, layer, activations, top)).ToList();
    }
}
