using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// Findings in the catalog (one <see cref="ModelFindings"/> row per model) and in a model's folder
/// (<see cref="FileName"/>, so that the embedded atlas ships findings computed once, as it ships feature visualizations).
/// </summary>
public static class FindingsStore
{
    public const string FileName = "findings.json";

    /// <summary>Stores the report as its model's findings, replacing any earlier ones.</summary>
    public static void Save(AtlasDbContext db, FindingsReport report)
    {
        var row = db.Findings.Find(report.Model) ?? db.Findings.Add(new ModelFindings { ModelId = report.Model, Json = "" }).Entity;
        row.Json = report.ToJson();
        row.ComputedAt = report.ComputedAt;
        db.SaveChanges();
    }

    /// <summary>Imports a findings file written by 'precompute findings --json'; it must be the findings of <paramref name="modelId"/>.</summary>
    public static FindingsReport Import(AtlasDbContext db, string modelId, string path)
    {
        var report = FindingsReport.FromJson(File.ReadAllText(path));
        if (report.Model != modelId) throw new InvalidDataException($"{path} holds the findings of '{report.Model}', not of '{modelId}'.");
        Save(db, report);
        return report;
    }
}
