using System.Threading.Channels;
using NeuronAtlas.Core.Images;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>Consecutive phrases drawn as images: phrase p's renderings are images (p - FirstPhrase) x Renderings + r.</summary>
internal sealed record RenderedPhraseBatch(int FirstPhrase, int Count, int Images, float[] Tensor);

/// <summary>Draws and preprocesses phrase images on worker threads, a couple of batches ahead of inference.</summary>
internal static class RenderedPhraseBatches
{
    public static ChannelReader<RenderedPhraseBatch> Start(PhraseRenderer renderer, ImagePreprocessor preprocessor, IReadOnlyList<string> phrases,
        int start, int phrasesPerBatch, int renderings, int workers, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<RenderedPhraseBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                for (int first = start; first < phrases.Count; first += phrasesPerBatch)
                {
                    int count = Math.Min(phrasesPerBatch, phrases.Count - first), images = count * renderings;
                    var tensor = new float[images * preprocessor.TensorLength];
                    Parallel.For(0, images, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, i =>
                    {
                        using var image = renderer.Render(phrases[first + i / renderings], i % renderings);
                        preprocessor.WriteTensor(image, tensor.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
                    });
                    await channel.Writer.WriteAsync(new RenderedPhraseBatch(first, count, images, tensor), ct);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, ct);
        return channel.Reader;
    }
}
