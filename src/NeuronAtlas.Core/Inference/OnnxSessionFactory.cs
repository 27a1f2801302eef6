using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace NeuronAtlas.Core.Inference;

/// <summary>Creates ONNX Runtime sessions on the configured execution provider, falling back to CPU when CUDA can't load.</summary>
public static class OnnxSessionFactory
{
    public static InferenceSession Create(byte[] model, InferenceOptions options, ILogger? logger = null)
    {
        var sessionOptions = NewSessionOptions(options);
        if (options.ExecutionProvider == ExecutionProviderKind.Cuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                logger?.LogInformation("ONNX Runtime uses the CUDA execution provider on device {Device}.", options.CudaDeviceId);
            }
            catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                sessionOptions.Dispose();
                sessionOptions = NewSessionOptions(options);
                logger?.LogWarning("CUDA was configured but could not be loaded ({Reason}); falling back to the CPU execution provider.",
                    FirstLine(e.Message));
            }
        }
        try
        {
            return new InferenceSession(model, sessionOptions);
        }
        finally
        {
            sessionOptions.Dispose();
        }
    }

    private static SessionOptions NewSessionOptions(InferenceOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
        };
        if (!options.AllowSpinning) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return sessionOptions;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
