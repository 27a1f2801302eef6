using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;

namespace NeuronAtlas.Core.Catalog;

/// <summary>
/// Moves precomputed feature visualizations between catalogs as a zip: featurevis.csv
/// (layer,neuron,facet,file,activation,steps,size,seed) plus one PNG per row. The embedded catalog ships its
/// visualizations this way, because rendering them takes hours on two cores while the dataset pass takes minutes.
/// </summary>
public static class FeatureVisArchive
{
    private const string IndexFile = "featurevis.csv";
    private static readonly DateTimeOffset FixedTime = new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero);

    public static int Export(AtlasDbContext db, string modelId, string zipPath)
    {
        var rows = db.FeatureVisualizations.AsNoTracking()
            .Where(v => v.Neuron!.Layer!.ModelId == modelId)
            .Select(v => new { Layer = v.Neuron!.Layer!.LayerId, v.Neuron.Index, v.Facet, v.Png, v.Activation, v.Steps, v.Size, v.Seed })
            .ToList()
            .OrderBy(v => v.Layer, StringComparer.Ordinal).ThenBy(v => v.Index).ThenBy(v => v.Facet)
            .ToList();
        if (rows.Count == 0) throw new InvalidOperationException($"The catalog has no feature visualizations of '{modelId}'. Run 'precompute feature-vis' first.");
        var dir = Path.GetDirectoryName(Path.GetFullPath(zipPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = zipPath + ".tmp";
        using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            var index = new StringBuilder("layer,neuron,facet,file,activation,steps,size,seed\n");
            foreach (var r in rows)
            {
                var file = r.Facet < 0 ? $"{r.Layer}/{r.Index}.png" : $"{r.Layer}/{r.Index}-facet{r.Facet}.png";
                index.Append(CultureInfo.InvariantCulture, $"{r.Layer},{r.Index},{r.Facet},{file},{r.Activation:R},{r.Steps},{r.Size},{r.Seed}\n");
                var entry = zip.CreateEntry(file, CompressionLevel.NoCompression);
                entry.LastWriteTime = FixedTime;
                using var stream = entry.Open();
                stream.Write(r.Png);
            }
            var indexEntry = zip.CreateEntry(IndexFile, CompressionLevel.Optimal);
            indexEntry.LastWriteTime = FixedTime;
            using (var writer = new StreamWriter(indexEntry.Open(), new UTF8Encoding(false))) writer.Write(index.ToString());
        }
        File.Move(temp, zipPath, overwrite: true);
        return rows.Count;
    }

    /// <summary>Adds or replaces the archive's visualizations; neurons must already exist (run the dataset pass first).</summary>
    public static int Import(AtlasDbContext db, string modelId, string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var indexEntry = zip.GetEntry(IndexFile) ?? throw new InvalidDataException($"{zipPath} has no {IndexFile}.");
        List<string[]> rows;
        using (var reader = new StreamReader(indexEntry.Open())) rows = CsvReader.ReadRows(reader).Skip(1).Where(r => r.Length >= 8).ToList();
        var neurons = db.Neurons.Where(n => n.Layer!.ModelId == modelId)
            .Select(n => new { n.Id, Layer = n.Layer!.LayerId, n.Index }).ToList()
            .ToDictionary(n => (n.Layer, n.Index), n => n.Id);
        var existing = db.FeatureVisualizations.Where(v => v.Neuron!.Layer!.ModelId == modelId).ToDictionary(v => (v.NeuronId, v.Facet));
        int imported = 0;
        foreach (var r in rows)
        {
            int index = int.Parse(r[1], CultureInfo.InvariantCulture), facet = int.Parse(r[2], CultureInfo.InvariantCulture);
            if (!neurons.TryGetValue((r[0], index), out int neuronId))
                throw new InvalidDataException($"{zipPath} has a visualization of {r[0]}/{index}, which the catalog of '{modelId}' lacks.");
            var entry = zip.GetEntry(r[3]) ?? throw new InvalidDataException($"{zipPath} lacks {r[3]}.");
            var png = new byte[entry.Length];
            using (var stream = entry.Open()) stream.ReadExactly(png);
            if (!existing.TryGetValue((neuronId, facet), out var vis))
            {
                vis = new FeatureVisualization { NeuronId = neuronId, Facet = facet, Hash = "" };
                db.FeatureVisualizations.Add(vis);
            }
            vis.Png = png;
            vis.Hash = ContentHash.Of(png);
            vis.Activation = float.Parse(r[4], CultureInfo.InvariantCulture);
            vis.Steps = int.Parse(r[5], CultureInfo.InvariantCulture);
            vis.Size = int.Parse(r[6], CultureInfo.InvariantCulture);
            vis.Seed = int.Parse(r[7], CultureInfo.InvariantCulture);
            imported++;
        }
        db.SaveChanges();
        return imported;
    }
}
