using System.Threading.Channels;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Core.Activations;

/// <summary>
/// Prepares model inputs on worker threads, a couple of batches ahead of inference: the dataset pass decodes and
/// resizes images, the text-vis pass draws phrases.
/// </summary>
public static class BatchProducer
{
    /// <summary>Images <paramref name="start"/>..<paramref name="end"/>-1 in batches, each prepared by <paramref name="prepareImage"/>.</summary>
    /// <param name="imageLength">The length of one image's slice of the batch tensor.</param>
    /// <param name="prepareImage">
    /// Writes image i into its slice; returns false when the image cannot be used (it is marked in
    /// <see cref="PreparedBatch.Failed"/>). Called in parallel.
    /// </param>
    public static ChannelReader<PreparedBatch> Start(int start, int end, int batchSize, int imageLength, int workers,
        Func<int, Span<float>, bool> prepareImage, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                for (int first = start; first < end; first += batchSize)
                {
                    int count = Math.Min(batchSize, end - first);
                    var tensor = new float[count * imageLength];
                    var failed = new bool[count];
                    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, i =>
                        failed[i] = !prepareImage(first + i, tensor.AsSpan(i * imageLength, imageLength)));
                    await channel.Writer.WriteAsync(new PreparedBatch(first, count, tensor, failed), ct);
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

    /// <summary>Decodes and preprocesses images of a source; an image that cannot be decoded is reported and marked failed.</summary>
    public static ChannelReader<PreparedBatch> Start(IImageSource source, ImagePreprocessor preprocessor, int start, int end,
        int batchSize, int workers, Action<int, Exception> onDecodeError, CancellationToken ct) =>
        Start(start, end, batchSize, preprocessor.TensorLength, workers, (index, destination) =>
        {
            try
            {
                using var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(index));
                preprocessor.Preprocess(image, destination);
                return true;
            }
            catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or IOException or InvalidDataException)
            {
                onDecodeError(index, e);
                return false;
            }
        }, ct);
}
