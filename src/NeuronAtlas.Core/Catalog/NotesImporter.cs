using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog;

/// <summary>
/// Imports human notes from Markdown files laid out as {notes}/{model}/{layer}/{neuron}.md. A file may start with
/// front matter ("---", "label: ...", "---"); its label overrides automatic labels.
/// </summary>
public sealed class NotesImporter(AtlasDbContext db)
{
    public int Import(string notesDirectory, string modelId)
    {
        var modelDir = Path.Combine(notesDirectory, modelId);
        db.Notes.Where(n => n.ModelId == modelId).ExecuteDelete();
        var layers = db.Layers.Where(l => l.ModelId == modelId).ToDictionary(l => l.LayerId, l => l.Id);
        var noteLabelled = db.Neurons.Where(n => n.Layer!.ModelId == modelId && n.LabelSource == "note").ToList();
        foreach (var neuron in noteLabelled) { neuron.Label = null; neuron.LabelSource = null; neuron.LabelConfidence = null; }
        if (!Directory.Exists(modelDir)) { db.SaveChanges(); return 0; }

        int count = 0;
        foreach (var file in Directory.EnumerateFiles(modelDir, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var layerId = Path.GetFileName(Path.GetDirectoryName(file))!;
            if (!int.TryParse(Path.GetFileNameWithoutExtension(file), out int index) || !layers.TryGetValue(layerId, out int layerKey))
                throw new InvalidDataException($"Note {file} must be named {{notes}}/{modelId}/{{layer}}/{{neuron index}}.md with a layer of the model.");
            var (label, markdown) = SplitFrontMatter(File.ReadAllText(file));
            db.Notes.Add(new NeuronNote
            {
                ModelId = modelId, LayerId = layerId, NeuronIndex = index, Label = label, Markdown = markdown,
                SourceFile = Path.GetRelativePath(notesDirectory, file).Replace('\\', '/'),
            });
            if (label is not null && db.Neurons.SingleOrDefault(n => n.LayerId == layerKey && n.Index == index) is { } neuron)
            {
                neuron.Label = label;
                neuron.LabelSource = "note";
                neuron.LabelConfidence = 1;
            }
            count++;
        }
        db.SaveChanges();
        return count;
    }

    internal static (string? Label, string Markdown) SplitFrontMatter(string text)
    {
        var normalized = text.Replace("\r\n", "\n");
        if (!normalized.StartsWith("---\n")) return (null, normalized);
        int close = normalized.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (close < 0) return (null, normalized);
        string? label = null;
        foreach (var line in normalized[4..close].Split('\n'))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[0].Trim() == "label") label = parts[1].Trim().Trim('"');
        }
        int bodyStart = normalized.IndexOf('\n', close + 1);
        return (label, bodyStart < 0 ? "" : normalized[(bodyStart + 1)..].TrimStart('\n'));
    }
}
