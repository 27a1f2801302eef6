using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog;

/// <summary>The SQLite catalog: models, layers, neurons, their examples and visualizations, images and notes.</summary>
public sealed class AtlasDbContext(DbContextOptions<AtlasDbContext> options) : DbContext(options)
{
    public DbSet<AtlasModel> Models => Set<AtlasModel>();
    public DbSet<AtlasLayer> Layers => Set<AtlasLayer>();
    public DbSet<Neuron> Neurons => Set<Neuron>();
    public DbSet<NeuronExample> Examples => Set<NeuronExample>();
    public DbSet<DatasetImage> Images => Set<DatasetImage>();
    public DbSet<NeuronNote> Notes => Set<NeuronNote>();
    public DbSet<FeatureVisualization> FeatureVisualizations => Set<FeatureVisualization>();
    public DbSet<NeuronTextExample> TextExamples => Set<NeuronTextExample>();
    public DbSet<DatasetPassCheckpoint> DatasetPassCheckpoints => Set<DatasetPassCheckpoint>();
    public DbSet<DatasetPassState> DatasetPassStates => Set<DatasetPassState>();
    public DbSet<PrecomputeShard> PrecomputeShards => Set<PrecomputeShard>();
    public DbSet<ModelFindings> Findings => Set<ModelFindings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AtlasDbContext).Assembly);
}
