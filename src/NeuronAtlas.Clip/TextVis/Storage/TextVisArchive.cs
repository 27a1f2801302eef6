using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.TextVis.Storage;

/// <summary>
/// Moves the per-phrase rows of a finished text-vis run between catalogs as a zip: text-vis.json (the run's key and
/// shape) plus one little-endian float32 matrix per tensor. The embedded catalog ships the demo CLIP's rows this way,
/// because drawing 3,879 phrases 4 times through the model takes minutes on two cores and the first start must not.
/// An archive is used only by a run with the same key: the run's settings hash and the bytes of the model's ONNX files,
/// so a retrained model or other fonts, phrases or renderings never pick up stale rows.
/// </summary>
public static class TextVisArchive
{
    private const string IndexFile = "text-vis.json";
    private static readonly DateTimeOffset FixedTime = new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero);

    private sealed record Index(string Key, string ModelId, int PhraseCount, string Layers, int Renderings, IReadOnlyList<IndexTensor> Tensors);
    private sealed record IndexTensor(string Name, string File, int Width);

    /// <summary>What an archive must match: the run's settings hash and the model's image and text ONNX files.</summary>
    public static string Key(string configHash, ModelManifest manifest)
    {
        var files = new List<string> { ModelManifestLoader.ResolveOnnxPath(manifest) };
        if (manifest.TextEncoder is { } text) files.Add(ModelManifestLoader.ResolveFile(manifest, text.Onnx));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(configHash));
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            sha.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes the finished run's rows of <paramref name="manifest"/>'s model; returns the number of phrases.</summary>
    public static int Export(TextVisStore store, ModelManifest manifest, string zipPath)
    {
        var run = store.Run() ?? throw new InvalidOperationException($"The catalog holds no text-vis run of '{manifest.Id}'. Run 'precompute text-vis' first.");
        if (run.NextPhrase != run.PhraseCount)
            throw new InvalidOperationException($"The text-vis run of '{manifest.Id}' stopped at phrase {run.NextPhrase} of {run.PhraseCount}; finish it first.");
        var tensors = store.Tensors().Order(StringComparer.Ordinal).ToList();
        var dir = Path.GetDirectoryName(Path.GetFullPath(zipPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = zipPath + ".tmp";
        using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            var entries = new List<IndexTensor>();
            for (int i = 0; i < tensors.Count; i++)
            {
                var (rows, width) = store.ReadMatrix(tensors[i]);
                var file = $"tensor{i}.f32";
                entries.Add(new IndexTensor(tensors[i], file, width));
                WriteEntry(zip, file, MemoryMarshal.AsBytes(rows.AsSpan()));
            }
            var index = new Index(Key(run.ConfigHash, manifest), manifest.Id, run.PhraseCount, run.Layers, run.Renderings, entries);
            WriteEntry(zip, IndexFile, JsonSerializer.SerializeToUtf8Bytes(index, new JsonSerializerOptions { WriteIndented = true }));
        }
        File.Move(temp, zipPath, overwrite: true);
        return run.PhraseCount;
    }

    /// <summary>
    /// Stores the archive's rows as the model's text-vis run when the archive was made by a run with the same key
    /// (<see cref="Key"/> of <paramref name="configHash"/> and <paramref name="manifest"/>'s files); the run is then left
    /// with every phrase done, for the text-vis pass to finish (top phrases and labels).
    /// </summary>
    /// <returns>Null when imported, else why the archive was not used.</returns>
    public static string? TryImport(TextVisStore store, string zipPath, ModelManifest manifest, string configHash, IReadOnlyList<string> phrases,
        IReadOnlyList<string> layers, int renderings)
    {
        if (!File.Exists(zipPath)) return $"{zipPath} does not exist";
        using var zip = ZipFile.OpenRead(zipPath);
        var indexEntry = zip.GetEntry(IndexFile) ?? throw new InvalidDataException($"{zipPath} has no {IndexFile}.");
        Index index;
        using (var stream = indexEntry.Open())
            index = JsonSerializer.Deserialize<Index>(stream) ?? throw new InvalidDataException($"{zipPath}: {IndexFile} is empty.");
        string key = Key(configHash, manifest);
        if (index.Key != key)
            return $"{zipPath} was computed with another model file, vocabulary, font set or settings (key {index.Key[..12]}, this run {key[..12]})";
        if (index.PhraseCount != phrases.Count || index.Layers != string.Join(',', layers) || index.Renderings != renderings)
            throw new InvalidDataException($"{zipPath} matches this run's key but holds {index.PhraseCount} phrases of {index.Layers} x {index.Renderings}.");

        var rows = new Dictionary<string, float[]>();
        foreach (var tensor in index.Tensors)
        {
            var entry = zip.GetEntry(tensor.File) ?? throw new InvalidDataException($"{zipPath} lacks {tensor.File}.");
            long expected = (long)index.PhraseCount * tensor.Width * sizeof(float);
            if (tensor.Width <= 0 || entry.Length != expected)
                throw new InvalidDataException($"{zipPath}: {tensor.File} holds {entry.Length} bytes, not {index.PhraseCount} x {tensor.Width} floats.");
            var values = new float[index.PhraseCount * tensor.Width];
            using (var stream = entry.Open()) stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            rows[tensor.Name] = values;
        }
        store.Begin(configHash, phrases, layers, renderings, restart: true);
        store.Append(0, phrases.Count, rows);
        return null;
    }

    private static void WriteEntry(ZipArchive zip, string name, ReadOnlySpan<byte> bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
