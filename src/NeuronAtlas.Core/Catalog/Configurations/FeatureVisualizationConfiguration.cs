using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class FeatureVisualizationConfiguration : IEntityTypeConfiguration<FeatureVisualization>
{
    public void Configure(EntityTypeBuilder<FeatureVisualization> vis)
    {
        vis.HasIndex(v => new { v.NeuronId, v.Facet }).IsUnique();
        vis.HasIndex(v => v.Hash);
        vis.HasOne(v => v.Neuron).WithMany().HasForeignKey(v => v.NeuronId).OnDelete(DeleteBehavior.Cascade);
    }
}
