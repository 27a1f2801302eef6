using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class NeuronTextExampleConfiguration : IEntityTypeConfiguration<NeuronTextExample>
{
    public void Configure(EntityTypeBuilder<NeuronTextExample> text)
    {
        text.HasIndex(t => new { t.NeuronId, t.Rank }).IsUnique();
        text.HasOne(t => t.Neuron).WithMany().HasForeignKey(t => t.NeuronId).OnDelete(DeleteBehavior.Cascade);
    }
}
