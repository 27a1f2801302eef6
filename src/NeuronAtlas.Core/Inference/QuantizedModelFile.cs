using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Inference;

/// <summary>
/// Where a model's int8 graph lives: beside its float ONNX file's name, "&lt;name&gt;.int8.onnx", in the manifest's folder.
/// <c>precompute quantize</c> writes it with the manifest's layers (and embedding) already exposed as float outputs.
/// </summary>
public static class QuantizedModelFile
{
    public static string FileName(ModelManifest manifest) => Path.GetFileNameWithoutExtension(manifest.Onnx) + ".int8.onnx";

    /// <summary>Where <c>precompute quantize</c> writes it by default.</summary>
    public static string DefaultPath(ModelManifest manifest) => Path.Combine(manifest.BaseDirectory, FileName(manifest));

    /// <summary>The existing file, or a <see cref="FileNotFoundException"/> that says how to make it.</summary>
    public static string Resolve(ModelManifest manifest)
    {
        try
        {
            return ModelManifestLoader.ResolveFile(manifest, FileName(manifest));
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException(
                $"Model '{manifest.Id}' has no int8 graph: {e.Message} Write it with 'precompute quantize --model {manifest.Id}'.", e.FileName, e);
        }
    }
}
