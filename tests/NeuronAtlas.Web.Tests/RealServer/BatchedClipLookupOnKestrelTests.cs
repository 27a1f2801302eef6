using NeuronAtlas.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeuronAtlas.Web.Tests.RealServer;

/// <summary>CLIP lookups batched across users, through a real Kestrel server: neurons and zero-shot labels as single-image runs give.</summary>
public sealed class BatchedClipLookupOnKestrelTests(KestrelClipBatchingAppFixture app, ITestOutputHelper output)
    : IClassFixture<KestrelClipBatchingAppFixture>
{
    [Fact]
    public async Task Different_images_run_in_one_batch_each_get_the_neurons_and_labels_of_a_single_image_run()
    {
        byte[][] images = [TestImages.Jpeg(), TestImages.Png(480, 640), TestImages.RedSquare(transparent: true)];
        double largest = await SingleImageLookup.AssertBatchAnswersAsSingleRunsAsync(app, images);

        output.WriteLine($"largest relative difference, batch of {images.Length} vs batch of 1: {largest:E2}");
    }
}
