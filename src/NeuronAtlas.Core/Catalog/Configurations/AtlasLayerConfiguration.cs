using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class AtlasLayerConfiguration : IEntityTypeConfiguration<AtlasLayer>
{
    public void Configure(EntityTypeBuilder<AtlasLayer> layer)
    {
        layer.HasIndex(l => new { l.ModelId, l.LayerId }).IsUnique();
        layer.HasMany(l => l.Neurons).WithOne(n => n.Layer).HasForeignKey(n => n.LayerId).OnDelete(DeleteBehavior.Cascade);
    }
}
