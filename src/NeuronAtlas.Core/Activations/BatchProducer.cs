using System.Threading.Channels;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Core.Activations;

/// <summary>Decodes and resizes images on worker threads, a couple of batches ahead of inference.</summary>
internal static class BatchProducer
{
    public static ChannelReader<PreparedBatch> Start(IImageSource source, ImagePreprocessor preprocessor, int start, int end,
        int batchSize, int workers, Action<int, Exception> onDecodeError, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                for (int first = start; first < end; first += batchSize)
                {
                    int count = Math.Min(batchSize, end - first);
                    var tensor = new float[count * preprocessor.TensorLength];
                    var failed = new bool[count];
                    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, i =>
                    {
                        try
                        {
                            using var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(first + i));
                            preprocessor.Preprocess(image, tensor.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
                        }
                        catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or IOException or InvalidDataException)
                        {
                            failed[i] = true;
                            onDecodeError(first + i, e);
                        }
                    });
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
}
