using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class AtlasModelConfiguration : IEntityTypeConfiguration<AtlasModel>
{
    public void Configure(EntityTypeBuilder<AtlasModel> model)
    {
        model.HasKey(m => m.Id);
        model.Property(m => m.ComputedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        model.HasMany(m => m.Layers).WithOne(l => l.Model).HasForeignKey(l => l.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
