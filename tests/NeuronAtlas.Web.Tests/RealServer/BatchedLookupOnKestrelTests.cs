using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeuronAtlas.Web.Tests.RealServer;

/// <summary>
/// Lookups batched across users, through a real Kestrel server with one inference slot. The tests hold that slot while
/// requests queue, so the batch they then share is certain, not a matter of timing. Decoding runs outside that slot:
/// the lookups are decoded and queued while it is held.
/// </summary>
public sealed class BatchedLookupOnKestrelTests(KestrelResNetBatchingAppFixture app, ITestOutputHelper output)
    : IClassFixture<KestrelResNetBatchingAppFixture>
{
    [Fact]
    public async Task Different_images_run_in_one_batch_each_get_what_a_single_image_run_gives()
    {
        byte[][] images =
        [
            TestImages.Jpeg(), TestImages.Png(640, 480), TestImages.RedSquare(transparent: false), TestImages.Webp(200, 320),
        ];
        double largest = await SingleImageLookup.AssertBatchAnswersAsSingleRunsAsync(app, images);

        output.WriteLine($"largest relative difference, batch of {images.Length} vs batch of 1: {largest:E2}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_lookup_cancelled_before_or_during_its_batch_leaves_the_others_their_answers(bool beforeTheRun)
    {
        var jpeg = TestImages.Jpeg();
        var batcher = (await app.ModelAsync()).Batcher;
        var before = batcher.Statistics;
        Task<HttpResponseMessage> first, last, cancelled;
        using var cancel = new CancellationTokenSource();
        using (await app.Gate.EnterAsync(CancellationToken.None))
        {
            first = LookupRequests.PostAsync(app.Client, jpeg, "first.jpg", "image/jpeg");
            cancelled = app.Client.PostAsync("/api/lookup", LookupRequests.Multipart(jpeg, "cancelled.jpg", "image/jpeg"), cancel.Token);
            last = LookupRequests.PostAsync(app.Client, jpeg, "last.jpg", "image/jpeg");
            await app.WaitQueuedAsync(3);
            if (beforeTheRun)
            {
                await cancel.CancelAsync();
                await KestrelBatchingAppFixture.WaitUntilAsync(() => batcher.QueuedImages == 2); // the server saw it go and took it off the queue
            }
        }
        if (!beforeTheRun)
        {
            await KestrelBatchingAppFixture.WaitUntilAsync(() => batcher.QueuedImages == 0); // all three are in the run that the freed slot started
            await cancel.CancelAsync();
        }
        if (beforeTheRun) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        else
        {
            try
            {
                (await cancelled).Dispose();
            }
            catch (OperationCanceledException)
            {
                // The usual case; on a slow machine the run may answer before the cancellation lands.
            }
        }
        var kept = await Task.WhenAll(first, last);

        Assert.All(kept, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await Task.WhenAll(kept.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(answers[0].GetProperty("layers").GetRawText(), answers[1].GetProperty("layers").GetRawText());
        var after = batcher.Statistics;
        Assert.Equal((1, beforeTheRun ? 2 : 3), (after.Runs - before.Runs, after.Images - before.Images));
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
}
