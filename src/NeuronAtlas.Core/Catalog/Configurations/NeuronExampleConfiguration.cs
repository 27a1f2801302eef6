using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class NeuronExampleConfiguration : IEntityTypeConfiguration<NeuronExample>
{
    public void Configure(EntityTypeBuilder<NeuronExample> example)
    {
        example.HasIndex(e => new { e.NeuronId, e.Rank }).IsUnique();
        example.HasOne(e => e.Image).WithMany().HasForeignKey(e => e.ImageHash).OnDelete(DeleteBehavior.Restrict);
    }
}
