namespace NeuronAtlas.Core.Inference;

public enum ExecutionProviderKind { Cpu, Cuda }

/// <summary>How ONNX Runtime sessions are created. Bound from the "Inference" section of appsettings.json.</summary>
public sealed record InferenceOptions
{
    /// <summary>Cpu by default. Cuda falls back to Cpu, with one log line, when the CUDA libraries are missing.</summary>
    public ExecutionProviderKind ExecutionProvider { get; init; } = ExecutionProviderKind.Cpu;
    public int CudaDeviceId { get; init; }
    /// <summary>Threads for one inference; 0 lets ONNX Runtime use every core.</summary>
    public int IntraOpThreads { get; init; }
    /// <summary>
    /// Whether idle ONNX Runtime worker threads spin. Spinning helps a lone session; when other work shares the
    /// cores (image decoding in the dataset pass, concurrent lookups) it burns the time that work needs.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;
}
